package dev.bosun.lease;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires this node's identity, the clock of leases and deliveries, Bosun's schema, and the named
 * leases in the engine's database.
 */
@Configuration(proxyBeanMethods = false)
public class LeaseConfiguration {

    @Bean
    NodeIdentity nodeIdentity() {
        return NodeIdentity.mint();
    }

    /** Injected so that tests can move time for leases instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FlywayConfigurationCustomizer bosunSchema() {
        return BosunSchema::configure;
    }

    @Bean
    @DependsOnDatabaseInitialization
    Leases leases(DataSource dataSource, Clock clock) {
        return new Leases(dataSource, clock);
    }
}
