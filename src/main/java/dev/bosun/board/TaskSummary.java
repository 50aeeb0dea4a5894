package dev.bosun.board;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bosun.process.TaskStatus;

/**
 * A task as a user sees it in lists.
 *
 * @param status   the {@link TaskStatus#wireName()} the lifecycle set (todo, in-progress, testing, merging,
 *                 escalated, merged, abandoned), or whatever an edited process file set; or one the read
 *                 model derived from the engine's history (blocked, cancelled)
 * @param assignee the engineer working on it, or the last one that did (an escalated task, one
 *     waiting to be taken up again after a decision: see {@link #heldBy}); null before its first claim
 * @param attempts code turns started so far (0 while todo)
 * @param reason   why it is blocked ("depends on task 3, which was abandoned") or cancelled (the reason
 *                 given to the engine, if any); null otherwise
 * @param dependsOn the ids of the tasks that must be merged before it is claimed
 * @param plan     the plan that started it, or null for a task added on its own
 */
public record TaskSummary(
        String id,
        String title,
        String priority,
        String status,
        String assignee,
        int attempts,
        String branch,
        String mergedCommit,
        @Nullable String reason,
        List<String> dependsOn,
        @Nullable String plan) {

    public TaskSummary {
        dependsOn = List.copyOf(dependsOn);
    }

    /** Merged, abandoned or cancelled: nothing more happens to it. */
    public boolean finished() {
        return TaskStatus.find(status).map(TaskStatus::finished).orElse(false);
    }

    /**
     * The member's current task: assigned to it and holding it ({@link TaskStatus#holdsItsEngineer}).
     * An escalated task still names its engineer but holds nobody.
     */
    public boolean heldBy(String member) {
        return member.equals(assignee)
                && TaskStatus.find(status).map(TaskStatus::holdsItsEngineer).orElse(false);
    }
}
