package dev.bosun.merge;

/**
 * Merges a task branch into trunk, one merge at a time under the merge lease: refuse a
 * branch that changes protected paths unless a human accepted exactly that head (every path to
 * trunk, a human's "merge despite red" included, goes through this check), rebase onto trunk,
 * re-run the tests in Bosun's own checkout if that changed the commit, then advance trunk by a fast-forward
 * to a merge commit whose first parent is the old trunk tip (so every commit on trunk's
 * first-parent history is one that passed the tests), delete the task branch, release the lock.
 *
 * <p>{@link GitMerger} merges one request per lock acquisition; {@link MergeQueue} (the wired one)
 * queues the requests of a node and merges them in batches under the same promises: first-parent
 * history only tested states, exactly one {@code Bosun-Task} trailer per task.
 *
 * <p>Contract: blocking, thread-safe, idempotent: a task that is already on trunk (a merge commit
 * for it in the {@link MergeJournal} that trunk contains; a {@code Bosun-Task:} trailer alone
 * proves nothing) is not merged again. A branch that the rebase leaves empty (its change is
 * already on trunk) is {@link MergeOutcome.AlreadyOnTrunk}, not merged. Throws {@link MergeLockTimeoutException}
 * when the lock could not be taken in time and {@link MergeRetryLaterException} when a queued merge
 * was left undecided (both: try again later); other exceptions are Bosun failures.
 */
public interface Merger {

    MergeOutcome merge(MergeRequest request);
}
