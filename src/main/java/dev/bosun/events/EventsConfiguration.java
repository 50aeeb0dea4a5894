package dev.bosun.events;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.security.Redactor;

/** The one {@link EventLog} of this node, {@code <repository>/.bosun/events.jsonl}. */
@Configuration
public class EventsConfiguration {

    @Bean
    EventLog eventLog(BosunProperties properties, Redactor redactor,
                      @Value("${bosun.events.rotate-at-bytes:10485760}") long rotateAtBytes) {
        return new EventLog(properties.bosunDir().resolve("events.jsonl"), rotateAtBytes, Clock.systemUTC(),
                redactor::redact);
    }
}
