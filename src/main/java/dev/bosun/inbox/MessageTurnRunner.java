package dev.bosun.inbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberBriefing;
import dev.bosun.agent.TurnInterruptedException;
import dev.bosun.agent.TurnRequest;
import dev.bosun.agent.TurnResult;
import dev.bosun.events.BosunEvent;
import dev.bosun.events.EventLog;
import dev.bosun.merge.TrunkWatch;
import dev.bosun.runtime.InterruptibleWork;
import dev.bosun.workspace.Worktrees;

/**
 * Runs one member's turn with the messages it took: {@code message_delivered} for each, the agent
 * with them as its prompt, then DELIVERED, or QUEUED again when the turn did not happen.
 *
 * <p>Thread-safe; one call per turn, on a platform thread of its own. {@link #stop()} interrupts
 * only threads inside the agent ({@link InterruptibleWork}): the messages of an interrupted turn
 * must still go back, so the database must stay open.
 */
final class MessageTurnRunner {

    private static final Logger log = LoggerFactory.getLogger(MessageTurnRunner.class);
    /** Message turns have no attempts; the script agent and BOSUN_ATTEMPT want one. */
    private static final int ATTEMPT = 1;

    private final Messages messages;
    private final AgentTurn agent;
    private final MemberBriefing briefing;
    private final EventLog events;
    private final Worktrees worktrees;
    private final TrunkWatch trunk;
    private final String node;
    private final Clock clock;
    /** The threads inside {@link AgentTurn#run}: the one place a stop may interrupt. */
    private final InterruptibleWork agentCalls = new InterruptibleWork();

    MessageTurnRunner(
            Messages messages,
            AgentTurn agent,
            MemberBriefing briefing,
            EventLog events,
            Worktrees worktrees,
            TrunkWatch trunk,
            String node,
            Clock clock) {
        this.worktrees = worktrees;
        this.trunk = trunk;
        this.messages = messages;
        this.agent = agent;
        this.briefing = briefing;
        this.events = events;
        this.node = node;
        this.clock = clock;
    }

    /** @return false when the turn failed for another reason than Bosun stopping (the agent would not start...) */
    boolean run(String member, List<Message> taken) {
        List<Long> ids = taken.stream().map(Message::id).toList();
        TurnResult result;
        try {
            for (Message message : taken) {
                events.append(BosunEvent.of("message_delivered", null, clock)
                        .member(member)
                        .from(message.from())
                        .to(message.to())
                        .detail("message", message.id()));
            }
            Path workingDirectory = workingDirectory(member);
            String trunkBefore = trunk.tip();
            result = runAgent(
                    briefing.turn(member, null, ATTEMPT, workingDirectory, MessagePrompt.of(member, taken), null));
            reportForeignTrunkChange(member, trunkBefore);
        } catch (TurnInterruptedException e) {
            requeue(member, ids, "Bosun is stopping");
            return true;
        } catch (RuntimeException e) {
            requeue(member, ids, e.getMessage());
            return false;
        }
        log.info(
                "{} read message(s) {} (exit code {}{})",
                member,
                ids,
                result.exitCode(),
                result.timedOut() ? ", timed out" : "");
        try {
            messages.delivered(ids, node);
        } catch (RuntimeException e) {
            log.warn(
                    "cannot mark message(s) {} delivered ({}); after the lease they are delivered again",
                    ids,
                    e.getMessage());
        }
        return true;
    }

    /**
     * Only Bosun writes trunk. A message turn has no task to escalate, so a trunk the turn moved
     * is reported (event {@code trunk_changed}, an error in the server log) for a person to look at.
     */
    private void reportForeignTrunkChange(String member, String before) {
        trunk.foreignChangeSince(before).ifPresent(range -> {
            String reason = "trunk changed during the message turn of " + member + ": " + range
                    + " was not written by Bosun; look at that range and reset trunk if it should not be there";
            log.error(reason);
            events.append(
                    BosunEvent.of("trunk_changed", null, clock).member(member).reason(reason));
        });
    }

    /** Kills the agents of running turns (they end in {@link TurnInterruptedException}) and starts no more. */
    void stop() {
        agentCalls.interruptAll();
    }

    private TurnResult runAgent(TurnRequest request) {
        try (InterruptibleWork.Inside call = agentCalls.enter()) {
            if (agentCalls.stopped()) {
                throw new TurnInterruptedException("turn of " + request.member() + " not started: Bosun is stopping");
            }
            return agent.run(request);
        }
    }

    /** The turn did not happen: its messages wait for the next one; should this fail too, the lease runs out. */
    private void requeue(String member, List<Long> ids, String why) {
        log.warn("message turn of {} with message(s) {} did not happen ({}); queued again", member, ids, why);
        try {
            messages.requeue(ids, node);
        } catch (RuntimeException e) {
            log.warn(
                    "cannot queue message(s) {} again now ({}); they are queued again when their lease runs out",
                    ids,
                    e.getMessage());
        }
    }

    /**
     * The member's own worktree, never the user's checkout: an agent that commits there must not
     * move trunk (four such commits once landed on trunk, untested and unlocked). An engineer's
     * task branch stays checked out (an escalated task's work); everyone else is at trunk's tip.
     */
    private Path workingDirectory(String member) {
        return worktrees.prepareWithoutTask(member);
    }
}
