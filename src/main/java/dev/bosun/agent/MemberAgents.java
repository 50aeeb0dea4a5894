package dev.bosun.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Routes each turn to the agent of its member's role (a team may mix Claude engineers with a
 * Codex architect), and records every turn in {@link MemberActivity} while it runs.
 *
 * <p>A member runs one turn at a time on this node: a second turn (a manager's review while it
 * reads its messages, say) waits for the first, so two agents never share one member's terminal
 * log or conversation.
 *
 * <p>Every turn's prompt passes through here, so this is where known secrets are taken out of it
 * before it reaches an agent (and with it a model vendor).
 */
public final class MemberAgents implements AgentTurn {

    private final Map<String, AgentTurn> byMember;
    private final AgentTurn fallback;
    private final MemberActivity activity;
    private final UnaryOperator<String> redaction;
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
                return withoutSecrets(agent.run(request.withControl(control)));
            } finally {
                activity.turnEnded(request.member());
            }
        } finally {
            oneTurn.unlock();
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
