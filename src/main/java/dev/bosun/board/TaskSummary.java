package dev.bosun.board;

/**
 * A task as a user sees it in lists.
 *
 * @param status   todo, in-progress, testing, merging, merged, escalated, abandoned
 * @param assignee the engineer working on it, null while todo
 * @param attempts code turns started so far (0 while todo)
 */
public record TaskSummary(String id, String title, String priority, String status, String assignee,
                          int attempts, String branch, String mergedCommit) {

    /** Merged or abandoned: nothing more happens to it. */
    public boolean finished() {
        return "merged".equals(status) || "abandoned".equals(status);
    }

    /** The member's current task: assigned to it and not finished (an escalated one counts). */
    public boolean heldBy(String member) {
        return member.equals(assignee) && !finished();
    }
}
