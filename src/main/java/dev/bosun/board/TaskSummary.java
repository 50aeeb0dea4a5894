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
}
