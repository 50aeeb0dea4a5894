package dev.bosun.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.BosunProperties;
import dev.bosun.agent.MemberActivity;
import dev.bosun.lease.Lease;
import dev.bosun.process.MemberTasks;
import dev.bosun.process.ProcessIds;
import dev.bosun.runtime.PlatformThreads;
import dev.bosun.runtime.PollLoop;
import dev.bosun.runtime.Wakeups;
import dev.bosun.team.Member;
import dev.bosun.team.Roster;

/**
 * Hands queued messages to idle members: one turn per member ({@link MessageTurnRunner}) whose
 * prompt is all the messages it took, oldest first.
 *
 * <p>Idle: not in a turn on this node, no message turn on any node, and no task the lifecycle is
 * working on (an escalated task waits for a human, so its engineer may read messages, in its
 * worktree). Checking that and taking the messages happen under the claim lease that task
 * claiming takes too, so a member never gets a task and messages at once, on any node.
 *
 * <p>Taken messages carry this node's lease, renewed every round while their turn runs; a node
 * that dies stops renewing, and after the lease any node queues them again. So delivery is at
 * least once: a message is never lost, and repeated only when a turn did not finish.
 *
 * <p>One platform thread polls ({@link PollLoop}, never interrupted); turns
 * run on platform threads of their own (pty4j blocks in native reads), so a long turn of one
 * member does not hold up another's messages.
 */
final class MessageDelivery {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final Messages messages;
    private final Roster roster;
    private final MemberTasks tasks;
    private final MemberActivity activity;
    private final MessageTurnRunner runner;
    private final Lease claimLock;
    private final String node;
    private final Duration lease;
    private final Clock clock;
    /** Members whose turn this node has taken messages for and not finished. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private final FailedTurnWaits failedTurns;
    private final ExecutorService turns;
    private final PollLoop loop;
    private static final Duration CLAIM_ROUND_WAIT = Duration.ofSeconds(5);

    private final Wakeups wakeups;

    /**
     * @param pollInterval how often queued messages are looked for
     * @param lease        how long taken messages stay this node's without a renewal
     * @param retry        the waits after a failed round and after a failed turn
     * @param wakeups      runs a round as soon as a message is queued or a member may have become free
     */
    MessageDelivery(
            Messages messages,
            Roster roster,
            MemberTasks tasks,
            MemberActivity activity,
            MessageTurnRunner runner,
            Lease claimLock,
            String node,
            Duration pollInterval,
            Duration lease,
            BosunProperties.Retry retry,
            Clock clock,
            Wakeups wakeups) {
        this.wakeups = wakeups;
        this.messages = messages;
        this.roster = roster;
        this.tasks = tasks;
        this.activity = activity;
        this.runner = runner;
        this.claimLock = claimLock;
        this.node = node;
        this.lease = lease;
        this.failedTurns = new FailedTurnWaits(retry.failedTurnWait());
        this.clock = clock;
        this.turns = Executors.newCachedThreadPool(PlatformThreads.named("bosun-message-turn", true));
        this.loop = new PollLoop(
                "bosun-messages",
                "delivering messages",
                pollInterval,
                pollInterval.multipliedBy(retry.deliveryBackoffPolls()),
                this::deliverOnce);
    }

    void start() {
        wakeups.register(Wakeups.MESSAGE_DELIVERY, loop);
        loop.start();
    }

    /**
     * Stops polling and kills the agents of running turns, whose messages are queued again; waits
     * a little for that, so it happens while the database is still open. Idempotent.
     */
    void stop() {
        wakeups.unregister(Wakeups.MESSAGE_DELIVERY, loop);
        turns.shutdown();
        runner.stop();
        loop.stop();
        try {
            if (!turns.awaitTermination(15, TimeUnit.SECONDS)) {
                log.warn("message turns still running at shutdown; their messages are queued again after the lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One round: keep this node's leases, queue expired ones again, start turns for idle recipients. */
    void deliverOnce() {
        Instant now = clock.instant();
        inFlight.forEach(member -> messages.renew(node, member, now.plus(lease)));
        int expired = messages.requeueExpired(now);
        if (expired > 0) {
            log.warn("{} message(s) whose delivering node stopped renewing its lease are queued again", expired);
        }
        List<Message> queued = messages.queued();
        if (queued.isEmpty()) {
            return;
        }
        List<Member> candidates = roster.members().stream()
                .filter(member -> queued.stream().anyMatch(m -> addressedTo(m, member)))
                .filter(member -> freeOnThisNode(member, now))
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        // A claim round (here or on another node) decides who is idle and holds the lease for its few
        // queries: the same events wake both (a turn's end), so giving up at once left the message
        // for the next poll. Waiting a little for that round is cheaper.
        Optional<Lease.Held> claims = claimLock.acquire(node + "/messages", CLAIM_ROUND_WAIT);
        if (claims.isEmpty()) {
            return; // still claiming: next round
        }
        try (Lease.Held held = claims.get()) {
            for (Member member : candidates) {
                if (messages.delivering(member.name()) || busyWithTask(member.name())) {
                    continue;
                }
                List<Message> taken = take(member, queued, now);
                if (!taken.isEmpty()) {
                    startTurn(member.name(), taken);
                }
            }
        }
    }

    private boolean freeOnThisNode(Member member, Instant now) {
        return !inFlight.contains(member.name())
                && !activity.inTurn(member.name())
                && failedTurns.mayStart(member.name(), now);
    }

    private boolean busyWithTask(String member) {
        return tasks.currentTask(member).isPresent();
    }

    private static boolean addressedTo(Message message, Member member) {
        return message.to().equals(member.name())
                || message.to().equals(member.role().name());
    }

    /**
     * Everything addressed to the member itself, and of what its role was sent: all of it when
     * the member is the role's only one, else only the oldest message nobody took yet, so that
     * idle siblings share the role's messages.
     */
    private List<Message> take(Member member, List<Message> queued, Instant now) {
        String name = member.name();
        String role = member.role().name();
        boolean shared = roster.members().stream()
                        .filter(m -> m.role().name().equals(role))
                        .count()
                > 1;
        Instant leaseUntil = now.plus(lease);
        List<Message> taken = new ArrayList<>();
        boolean tookForRole = false;
        for (Message message : queued) {
            boolean own = message.to().equals(name);
            boolean forRole = !own && message.to().equals(role);
            if ((own || forRole && !(shared && tookForRole))
                    && messages.take(message.id(), name, node, now, leaseUntil)) {
                taken.add(message);
                tookForRole |= forRole;
            }
        }
        return taken; // in the queue's order: oldest first
    }

    private void startTurn(String member, List<Message> taken) {
        inFlight.add(member);
        try {
            turns.execute(() -> runTurn(member, taken));
        } catch (RejectedExecutionException stopping) {
            inFlight.remove(member);
            messages.requeue(ids(taken), node);
        }
    }

    private void runTurn(String member, List<Message> taken) {
        try {
            if (!runner.run(member, taken)) {
                failedTurns.failed(member, clock.instant());
            }
        } finally {
            inFlight.remove(member);
            // the member is free: for a task, and for the messages that came during its turn
            wakeups.wake(ProcessIds.TOPIC_CLAIM);
            wakeups.wake(Wakeups.MESSAGE_DELIVERY);
        }
    }

    private static List<Long> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }
}
