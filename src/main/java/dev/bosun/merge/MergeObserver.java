package dev.bosun.merge;

import java.time.Duration;

/**
 * Told when a merge starts and ends while the merge lock is held (after acquiring, before
 * releasing). Used for events and to prove in tests that merges never overlap.
 *
 * <p>Contract: called on the merging thread; must be fast and must not throw.
 */
public interface MergeObserver {

    void mergeStarted(String taskId, String holder);

    void mergeFinished(String taskId, String holder, MergeOutcome outcome);

    /** Before {@link #mergeStarted}: how long the merge waited for the lock, and whether it got it in time. */
    default void lockWaited(String taskId, Duration waited, boolean acquired) {}
}
