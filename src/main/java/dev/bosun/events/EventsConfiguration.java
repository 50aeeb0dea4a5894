package dev.bosun.events;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.bosun.BosunProperties;
import dev.bosun.security.Redactor;

/**
 * The one {@link EventLog} of this node, {@code <repository>/.bosun/events.jsonl}, and the
 * {@link EventOutbox} its lifecycle steps reach it through.
 */
@Configuration
public class EventsConfiguration {

    @Bean
    EventLog eventLog(BosunProperties properties, Redactor redactor) {
        return new EventLog(
                properties.bosunDir().resolve("events.jsonl"),
                properties.events().rotateAtBytes(),
                Clock.systemUTC(),
                redactor::redact);
    }

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
