package dev.bosun.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.bosun.process.TaskStatuses.TaskState;

/**
 * How a plan's round of tasks stands, from its tasks' statuses: over once no task can move any
 * more (each merged, abandoned, cancelled or blocked; an escalated task waits for a human, so it
 * can still move); done when nothing failed that a replanning turn has not seen. Pure.
 */
final class PlanRounds {

    private static final Set<TaskStatus> STOPPED =
            Set.of(TaskStatus.MERGED, TaskStatus.ABANDONED, TaskStatus.CANCELLED, TaskStatus.BLOCKED);

    /**
     * @param done        every task merged, or failed in an earlier round (replanned)
     * @param newFailures the ids that failed or are blocked and no replanning turn saw yet
     * @param failures    those tasks, one line each, for the replanning turn and the human
     */
    record RoundEnd(boolean done, List<String> newFailures, String failures) {}

    private PlanRounds() {}

    /** The status a planning turn gives the plan: replanning once tasks of it were started. */
    static PlanStatus status(TaskVariables plan) {
        return plan.list(PlanVariables.STARTED_TASKS).isEmpty() ? PlanStatus.PLANNING : PlanStatus.REPLANNING;
    }

    /** @return empty while a task of the plan can still move */
    static Optional<RoundEnd> judge(List<TaskState> tasks, List<String> handled) {
        if (tasks.stream().anyMatch(t -> !stopped(t))) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (TaskState task : tasks) {
            if (!TaskStatus.MERGED.is(task.status()) && !handled.contains(task.id())) {
                ids.add(task.id());
                lines.append(line(task)).append('\n');
            }
        }
        return Optional.of(new RoundEnd(ids.isEmpty(), ids, lines.toString().strip()));
    }

    private static boolean stopped(TaskState task) {
        return TaskStatus.find(task.status()).filter(STOPPED::contains).isPresent();
    }

    private static String line(TaskState task) {
        String line = "- task " + task.id() + " (" + task.title() + "): " + task.status();
        if (task.reason() != null) {
            line += ": " + task.reason();
        }
        if (TaskStatus.ABANDONED.is(task.status()) && task.failureReason() != null) {
            line += "; its last failure: " + task.failureReason();
        }
        return line;
    }
}
