package dev.bosun.merge;

/**
 * Merges a task branch into trunk, one merge at a time under the {@link MergeLock}: rebase onto
 * trunk, re-run the tests if trunk moved since they passed, then advance trunk by a fast-forward
 * to a merge commit whose first parent is the old trunk tip (so every commit on trunk's
 * first-parent history is one that passed the tests), delete the task branch, release the lock.
 *
 * <p>Contract: blocking, thread-safe, idempotent: a task that is already on trunk (found by the
 * {@code Bosun-Task:} trailer) is not merged again. Throws {@link MergeLockTimeoutException}
 * when the lock could not be taken in time; other exceptions are Bosun failures.
 */
public interface Merger {

    MergeOutcome merge(MergeRequest request);
}
