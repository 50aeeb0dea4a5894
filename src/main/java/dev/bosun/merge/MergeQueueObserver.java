package dev.bosun.merge;

/**
 * Told what the merge queue does with a task, so that Cockpit can show it on the task's instance.
 *
 * <p>Contract: called while that task's own merge still waits for its outcome (never after it is
 * decided), so whatever the observer writes on the task cannot race the task's next step; must
 * not throw.
 */
public interface MergeQueueObserver {

    /** The task's place in the queue now, in words: "waiting in the merge queue", "in a batch of 3 ...". */
    void queueStateChanged(String taskId, String state);
}
