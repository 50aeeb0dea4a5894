package dev.bosun.merge;

/**
 * Told when a merge starts and ends while the merge lock is held (after acquiring, before
 * releasing). Used for events and to prove in tests that merges never overlap.
 *
 * <p>Contract: called on the merging thread; must be fast and must not throw.
 */
public interface MergeObserver {

    void mergeStarted(String taskId, String holder);

    void mergeFinished(String taskId, String holder, MergeOutcome outcome);
}
