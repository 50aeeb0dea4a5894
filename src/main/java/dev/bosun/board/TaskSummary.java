package dev.bosun.board;

import dev.bosun.process.TaskStatus;

/**
 * A task as a user sees it in lists.
 *
 * @param status   the {@link TaskStatus#wireName()} the lifecycle set (todo, in-progress, testing, merging,
 *                 escalated, merged, abandoned), or whatever an edited process file set
 * @param assignee the engineer working on it, null while todo
 * @param attempts code turns started so far (0 while todo)
 */
public record TaskSummary(
        String id,
        String title,
        String priority,
        String status,
        String assignee,
        int attempts,
        String branch,
        String mergedCommit) {

    /** Merged or abandoned: nothing more happens to it. */
    public boolean finished() {
        return TaskStatus.find(status).map(TaskStatus::finished).orElse(false);
    }

    /** The member's current task: assigned to it and not finished (an escalated one counts). */
    public boolean heldBy(String member) {
        return member.equals(assignee) && !finished();
    }
}
