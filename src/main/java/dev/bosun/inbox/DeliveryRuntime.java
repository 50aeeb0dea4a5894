package dev.bosun.inbox;

import java.time.Clock;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberBriefing;
import dev.bosun.agent.MemberActivity;
import dev.bosun.events.EventLog;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.merge.TrunkWatch;
import dev.bosun.process.MemberTasks;
import dev.bosun.team.Roster;
import dev.bosun.workspace.Worktrees;

/**
 * Runs this node's message delivery when the in-process workers run ({@code bosun.worker.enabled}),
 * from the moment the application is ready (after the engine's job executor), until shutdown.
 */
@Component
class DeliveryRuntime {

    private final MessageDelivery delivery;
    private final boolean enabled;

    DeliveryRuntime(Messages messages, Roster roster, MemberTasks tasks, MemberActivity activity, AgentTurn agent,
                    MemberBriefing briefing, EventLog events, Leases leases, NodeIdentity nodeIdentity, Clock clock,
                    BosunProperties properties, Worktrees worktrees, TrunkWatch trunk) {
        this.enabled = properties.worker().enabled();
        String node = nodeIdentity.id();
        MessageTurnRunner runner = new MessageTurnRunner(messages, agent, briefing, events, properties, worktrees, trunk,
                node, clock);
        // The lease of taken messages: like an external task's lock, a dead node's work is picked up after it.
        // Under the claim lease, as task claiming: giving a member messages or a task is one critical section.
        this.delivery = new MessageDelivery(messages, roster, tasks, activity, runner,
                leases.of(LeaseName.CLAIM), node, properties.worker().pollInterval(),
                properties.worker().lockDuration(), clock);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            delivery.start();
        }
    }

    /**
     * As soon as closing starts, before any bean is destroyed: the task workers' stop may interrupt
     * a thread inside H2 and so close the database, and interrupted turns must still put their
     * messages back. {@link #destroyed()} covers a close that publishes no event.
     */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        delivery.stop();
    }

    @PreDestroy
    void destroyed() {
        delivery.stop();
    }
}
