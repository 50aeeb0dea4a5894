package dev.bosun.agent;

import java.util.Map;
import java.util.Objects;

/**
 * Routes each turn to the agent of its member's role (a team may mix Claude engineers with a
 * Codex architect), and records every turn in {@link MemberActivity} while it runs.
 */
public final class MemberAgents implements AgentTurn {

    private final Map<String, AgentTurn> byMember;
    private final AgentTurn fallback;
    private final MemberActivity activity;

    /** @param fallback for members not in {@code byMember} (none in a validated team; kept for safety) */
    public MemberAgents(Map<String, AgentTurn> byMember, AgentTurn fallback, MemberActivity activity) {
        this.byMember = Map.copyOf(byMember);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.activity = Objects.requireNonNull(activity, "activity");
    }

    /** The agent a member's turns go to. */
    AgentTurn agentOf(String member) {
        return byMember.getOrDefault(member, fallback);
    }

    @Override
    public TurnResult run(TurnRequest request) {
        AgentTurn agent = agentOf(request.member());
        activity.turnStarted(request.member(), request.taskId(), request.logFile());
        try {
            return agent.run(request);
        } finally {
            activity.turnEnded(request.member());
        }
    }
}
