package dev.bosun.merge;

import java.util.List;

/**
 * The merge commits Bosun wrote, per task. A row is written before trunk is advanced to the
 * commit, so a crash between the two leaves a row whose commit trunk does not contain (harmless:
 * only journalled commits that trunk contains count as merges). A {@code Bosun-Task} trailer on
 * its own proves nothing: anyone who can write the repository can write one.
 *
 * <p>Contract: thread-safe, shared by every node that uses the same database; {@link #record} is
 * idempotent.
 */
public interface MergeJournal {

    /**
     * Notes that Bosun wrote merge commit {@code commit} (a full id) for task {@code taskId}; a
     * batch of the merge queue is one commit recorded once per task in it.
     */
    void record(String taskId, String commit);

    /** The merge commits Bosun wrote for the task, oldest first; empty when none. */
    List<String> commitsOf(String taskId);

    /** Whether {@code commit} (a full id) is a merge commit Bosun wrote, for any task. */
    boolean isBosunMerge(String commit);
}
