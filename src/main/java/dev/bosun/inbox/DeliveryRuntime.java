package dev.bosun.inbox;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberActivity;
import dev.bosun.events.EventLog;
import dev.bosun.merge.JdbcMergeLock;
import dev.bosun.merge.TrunkWatch;
import dev.bosun.process.MemberBriefing;
import dev.bosun.process.MemberTasks;
import dev.bosun.runtime.BackgroundRuntime;
import dev.bosun.runtime.RuntimePhases;
import dev.bosun.team.Roster;
import dev.bosun.workspace.Worktrees;

/**
 * Runs this node's message delivery when the in-process workers run ({@code bosun.worker.enabled}).
 * Stopped in phase {@link RuntimePhases#MESSAGE_DELIVERY}, before the task workers and before any
 * bean is destroyed: interrupted turns put their messages back while the database is open.
 */
@Component
class DeliveryRuntime extends BackgroundRuntime {

    /**
     * The row task claiming leases (see the process area's WorkerRuntime): deciding that a member
     * is idle and giving it work, a task or messages, is one critical section across nodes.
     */
    static final String CLAIM_LOCK = "claim";
    private static final Duration CLAIM_LEASE = Duration.ofSeconds(10);

    private final MessageDelivery delivery;

    DeliveryRuntime(Messages messages, Roster roster, MemberTasks tasks, MemberActivity activity, AgentTurn agent,
                    MemberBriefing briefing, EventLog events, DataSource dataSource, BosunProperties properties,
                    Worktrees worktrees, TrunkWatch trunk) {
        super(RuntimePhases.MESSAGE_DELIVERY, properties.worker().enabled());
        String node = nodeId();
        Clock clock = Clock.systemUTC();
        MessageTurnRunner runner = new MessageTurnRunner(messages, agent, briefing, events, properties, worktrees, trunk,
                node, clock);
        // The lease of taken messages: like an external task's lock, a dead node's work is picked up after it.
        this.delivery = new MessageDelivery(messages, roster, tasks, activity, runner,
                new JdbcMergeLock(dataSource, CLAIM_LOCK, CLAIM_LEASE), node, properties.worker().pollInterval(),
                properties.worker().lockDuration(), properties.retry(), clock);
    }

    @Override
    protected void startWork() {
        delivery.start();
    }

    @Override
    protected void stopWork() {
        delivery.stop();
    }

    /** Unique per process: a restarted node must not renew or finish what its previous life took. */
    private static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "bosun@" + host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
