package dev.bosun.events;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@link EventOutbox} the lifecycle steps reach {@code events.jsonl} through: on the engine's
 * DataSource and transaction manager, so a step's event commits with the step.
 */
@Configuration
public class EventOutboxConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    EventOutbox eventOutbox(DataSource dataSource, PlatformTransactionManager transactions, EventLog events) {
        return new EventOutbox(
                dataSource,
                transactions,
                events,
                EventLogId.of(events.file()),
                Clock.systemUTC(),
                RelayPause.fromEnvironment(System.getenv()));
    }
}
