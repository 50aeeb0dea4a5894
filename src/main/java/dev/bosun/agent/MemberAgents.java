package dev.bosun.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each turn to the agent of its member's role (a team may mix Claude engineers with a
 * Codex architect), and records every turn in {@link MemberActivity} while it runs.
 *
 * <p>A member runs one turn at a time on this node: a second turn (a manager's review while it
 * reads its messages, say) waits for the first, so two agents never share one member's terminal
 * log or conversation.
 *
 * <p>Every turn's prompt passes through here, so this is where known secrets are taken out of it
 * before it reaches an agent (and with it a model vendor), and where every finished turn is
 * written to the {@link TurnLedger} with what it cost. A turn that ended by an exception is not
 * recorded: one that could not start ({@link AgentStartException}) ran nothing and cost nothing,
 * one that was interrupted ({@link TurnInterruptedException}) did not finish and runs again, and
 * any other is a failure of Bosun's own with no exit code or usage to record.
 */
public final class MemberAgents implements AgentTurn {

    private static final Logger log = LoggerFactory.getLogger(MemberAgents.class);

    private final Map<String, AgentTurn> byMember;
    private final AgentTurn fallback;
    private final MemberActivity activity;
    private final UnaryOperator<String> redaction;
    private final TurnLedger ledger;
    private final Clock clock;
    private final Map<String, ReentrantLock> turnLocks = new ConcurrentHashMap<>();

    /** @param fallback for members not in {@code byMember} (none in a validated team; kept for safety) */
    public MemberAgents(Map<String, AgentTurn> byMember, AgentTurn fallback, MemberActivity activity) {
        this(byMember, fallback, activity, UnaryOperator.identity());
    }

    /** @param redaction replaces known secrets in every prompt and every result's output tail; thread-safe */
    public MemberAgents(
            Map<String, AgentTurn> byMember,
            AgentTurn fallback,
            MemberActivity activity,
            UnaryOperator<String> redaction) {
        this(byMember, fallback, activity, redaction, TurnLedger.NONE, Clock.systemUTC());
    }

    /**
     * @param ledger where every finished turn is recorded; a failure there is logged, never the turn's
     * @param clock  tells when a turn started
     */
    public MemberAgents(
            Map<String, AgentTurn> byMember,
            AgentTurn fallback,
            MemberActivity activity,
            UnaryOperator<String> redaction,
            TurnLedger ledger,
            Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.byMember = Map.copyOf(byMember);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    /** The agent a member's turns go to. */
    AgentTurn agentOf(String member) {
        return byMember.getOrDefault(member, fallback);
    }

    @Override
    public TurnResult run(TurnRequest original) {
        TurnRequest request = withoutSecrets(original);
        AgentTurn agent = agentOf(request.member());
        ReentrantLock oneTurn = turnLocks.computeIfAbsent(request.member(), member -> new ReentrantLock(true));
        try {
            oneTurn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnInterruptedException("turn of " + request.member() + " on task " + request.taskId()
                    + " not started: Bosun stopped while it waited for the member's other turn");
        }
        try {
            TurnControl control = activity.turnStarted(request.member(), request.taskId(), request.logFile());
            try {
                Instant startedAt = clock.instant();
                TurnResult result = withoutSecrets(agent.run(request.withControl(control)));
                record(TurnRecord.of(request, startedAt, result));
                return result;
            } finally {
                activity.turnEnded(request.member());
            }
        } finally {
            oneTurn.unlock();
        }
    }

    /** What a turn cost is worth keeping, never worth the turn: a database hiccup must not fail work that is done. */
    private void record(TurnRecord turn) {
        try {
            ledger.record(turn);
        } catch (RuntimeException e) {
            log.warn(
                    "turn of {} on task {} (attempt {}) not recorded in the turn ledger: {}",
                    turn.member(),
                    turn.taskId(),
                    turn.attempt(),
                    e.toString());
        }
    }

    /**
     * The output tail redacted here, whole lines at a time, before anyone cuts it to a column's
     * size: a secret that a later cut split in two would no longer be recognised.
     */
    private TurnResult withoutSecrets(TurnResult result) {
        List<String> lines = result.outputTail().stream().map(redaction).toList();
        return result.withOutputTail(lines);
    }

    private TurnRequest withoutSecrets(TurnRequest request) {
        String prompt = redaction.apply(request.prompt());
        return prompt.equals(request.prompt()) ? request : request.withPrompt(prompt);
    }
}
