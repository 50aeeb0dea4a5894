package dev.bosun.events;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.security.Redactor;

/**
 * The one {@link EventLog} of this node, {@code <repository>/.bosun/events.jsonl}; the outbox its
 * lifecycle steps reach it through is {@link EventOutboxConfiguration}'s, apart because it needs the
 * database and an area that only writes events (the agents) does not.
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
}
