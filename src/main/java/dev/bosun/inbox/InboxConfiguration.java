package dev.bosun.inbox;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.events.EventLog;
import dev.bosun.process.MessageTurns;
import dev.bosun.runtime.Wakeups;
import dev.bosun.team.Roster;

/** Wires the message store (in the engine's database) and the use case; {@link DeliveryRuntime} runs delivery. */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    Messages messages(DataSource dataSource) {
        return new JdbcMessages(dataSource);
    }

    @Bean
    Inboxes inboxes(Messages messages, Roster roster, EventLog events, Clock clock, Wakeups wakeups) {
        return new Inboxes(messages, roster, events, clock, () -> wakeups.wake(Wakeups.MESSAGE_DELIVERY));
    }

    /** Task claiming skips a member while messages are being delivered to it, on any node. */
    @Bean
    MessageTurns messageTurns(Messages messages) {
        return messages::delivering;
    }
}
