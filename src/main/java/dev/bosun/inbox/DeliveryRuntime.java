package dev.bosun.inbox;

import java.time.Clock;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberActivity;
import dev.bosun.agent.MemberBriefing;
import dev.bosun.events.EventLog;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.merge.TrunkWatch;
import dev.bosun.process.MemberTasks;
import dev.bosun.runtime.BackgroundRuntime;
import dev.bosun.runtime.RuntimePhases;
import dev.bosun.runtime.Wakeups;
import dev.bosun.team.Roster;
import dev.bosun.workspace.Worktrees;

/**
 * Runs this node's message delivery when the in-process workers run ({@code bosun.worker.enabled}).
 * Stopped in phase {@link RuntimePhases#MESSAGE_DELIVERY}, before the task workers and before any
 * bean is destroyed: interrupted turns put their messages back while the database is open.
 */
@Component
class DeliveryRuntime extends BackgroundRuntime {

    private final MessageDelivery delivery;

    DeliveryRuntime(
            Messages messages,
            Roster roster,
            MemberTasks tasks,
            MemberActivity activity,
            AgentTurn agent,
            MemberBriefing briefing,
            EventLog events,
            Leases leases,
            NodeIdentity nodeIdentity,
            Clock clock,
            BosunProperties properties,
            Worktrees worktrees,
            TrunkWatch trunk,
            Wakeups wakeups) {
        super(RuntimePhases.MESSAGE_DELIVERY, properties.worker().enabled());
        String node = nodeIdentity.id();
        MessageTurnRunner runner =
                new MessageTurnRunner(messages, agent, briefing, events, worktrees, trunk, node, clock);
        // The lease of taken messages: like an external task's lock, a dead node's work is picked up after it.
        // Under the claim lease, as task claiming: giving a member messages or a task is one critical section.
        this.delivery = new MessageDelivery(
                messages,
                roster,
                tasks,
                activity,
                runner,
                leases.of(LeaseName.CLAIM),
                node,
                properties.worker().pollInterval(),
                properties.worker().lockDuration(),
                properties.retry(),
                clock,
                wakeups);
    }

    @Override
    protected void startWork() {
        delivery.start();
    }

    @Override
    protected void stopWork() {
        delivery.stop();
    }
}
