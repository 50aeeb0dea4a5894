package dev.bosun.board;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A plan with its tasks (started ones with their status and dependsOn; held ones while a planning
 * turn runs) and the human task it waits on.
 *
 * @param reason    why it is escalated or failed, what was wrong with the last plan while the
 *                  architect fixes it, or why it was cancelled; null otherwise
 * @param humanTask the decision it waits for, or null
 */
public record PlanDetails(
        String id,
        String title,
        String goal,
        String status,
        String createdBy,
        String architect,
        Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String reason,
        List<TaskSummary> tasks,
        List<Held> held,
        @Nullable HumanTask humanTask) {

    public PlanDetails {
        tasks = List.copyOf(tasks);
        held = List.copyOf(held);
    }

    /** A task the planning turn added, not started yet. */
    public record Held(String id, String title, List<String> dependsOn) {}

    /**
     * @param kind      approval ("Approve plan") or escalation ("Plan needs a human")
     * @param decisions what it may be decided
     */
    public record HumanTask(
            String kind, List<String> decisions, @Nullable String reason) {}
}
