package dev.bosun.merge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-local merge queue in front of the merge lease: the merging threads enqueue their
 * request and wait for their own outcome; the first waiting thread that finds no round running
 * becomes the runner, takes the lease, then drains up to {@code limit} requests (so the batch holds
 * everything that queued while the lease was busy) and runs them as one batch
 * ({@link GitMerger#mergeBatch}: stacked, tested once, bisected when red), hands out the outcomes
 * and steps down; whoever is still waiting runs the next round. A limit of 1 is today's
 * one-at-a-time merge, unchanged ({@link GitMerger#merge}).
 *
 * <p>A runner that is stopped (interrupted) or fails hands the requests of its round back
 * undecided ({@link MergeRetryLaterException}) and steps down, so the others are never stranded;
 * a batch changes no engineer's branch before trunk moves, so nothing needs repair.
 */
public final class MergeQueue implements Merger {

    private static final Logger log = LoggerFactory.getLogger(MergeQueue.class);

    private final GitMerger merger;
    private final int limit;
    private final List<MergeQueueObserver> observers;
    private final Deque<QueuedMerge> waiting = new ArrayDeque<>();
    private final List<QueuedMerge> running = new ArrayList<>();
    private boolean roundRunning;
    private volatile String phase = "";

    public MergeQueue(GitMerger merger, int limit) {
        this(merger, limit, List.of());
    }

    public MergeQueue(GitMerger merger, int limit, List<MergeQueueObserver> observers) {
        if (limit < 1) {
            throw new IllegalArgumentException("bosun.merge.queue-limit must be at least 1, not " + limit);
        }
        this.merger = merger;
        this.limit = limit;
        this.observers = List.copyOf(observers);
    }

    public int limit() {
        return limit;
    }

    @Override
    public MergeOutcome merge(MergeRequest request) {
        if (limit == 1) {
            return merger.merge(request);
        }
        QueuedMerge mine = new QueuedMerge(request);
        tell(request.taskId(), "waiting in the merge queue");
        synchronized (this) {
            waiting.addLast(mine);
        }
        while (true) {
            synchronized (this) {
                while (roundRunning && !mine.outcome().isDone()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        // Still waiting: it leaves the queue. In a round: the round decides, and
                        // the step's next run finds that decision (a merge is found again).
                        waiting.remove(mine);
                        throw new MergeRetryLaterException(
                                "merge of task " + request.taskId() + " stopped while queued", e);
                    }
                }
                if (mine.outcome().isDone()) {
                    return outcomeOf(mine);
                }
                roundRunning = true;
            }
            List<QueuedMerge> back = List.of();
            try {
                back = merger.mergeBatch(() -> announced(drain()), step -> phase = step);
            } catch (MergeLockTimeoutException e) {
                synchronized (this) {
                    if (running.isEmpty()) {
                        // Nothing drained: only the runner's own request gives up; the others
                        // stay queued for the next runner.
                        waiting.remove(mine);
                        mine.outcome().completeExceptionally(e);
                    }
                }
                running().forEach(q -> q.outcome().completeExceptionally(e));
            } catch (CheckoutInTheWayException e) {
                running().forEach(q -> q.outcome().completeExceptionally(e));
            } catch (RuntimeException e) {
                log.warn("a merge-queue round failed; its tasks are tried again later", e);
                running()
                        .forEach(q -> q.outcome()
                                .completeExceptionally(new MergeRetryLaterException(
                                        "the merge-queue round with task "
                                                + q.request().taskId() + " failed: " + e,
                                        e)));
            } finally {
                synchronized (this) {
                    // Not decided in this round (a conflict with the stack, after the culprit): back, first.
                    for (int i = back.size() - 1; i >= 0; i--) {
                        if (!back.get(i).outcome().isDone()) {
                            back.get(i).state("waiting");
                            waiting.addFirst(back.get(i));
                        }
                    }
                    back.stream()
                            .filter(q -> !q.outcome().isDone())
                            .forEach(q -> tell(
                                    q.request().taskId(),
                                    "back in the merge queue: it conflicts with the batch it was in,"
                                            + " or came after that batch's red change"));
                    running.stream()
                            .filter(q -> !q.outcome().isDone() && !waiting.contains(q))
                            .forEach(q -> q.outcome()
                                    .completeExceptionally(new MergeRetryLaterException(
                                            "the merge-queue round with task "
                                                    + q.request().taskId() + " ended without deciding it",
                                            null)));
                    running.clear();
                    phase = "";
                    roundRunning = false;
                    notifyAll();
                }
            }
        }
    }

    /** Called by the round once it holds the lease: takes the batch from the front of the queue. */
    private synchronized List<QueuedMerge> drain() {
        while (running.size() < limit && !waiting.isEmpty()) {
            running.add(waiting.pollFirst());
        }
        return List.copyOf(running);
    }

    /** Tells the observers which batch each task of a round is in (undecided, its thread still waits). */
    private List<QueuedMerge> announced(List<QueuedMerge> batch) {
        String tasks = batch.stream().map(q -> q.request().taskId()).collect(Collectors.joining(", "));
        batch.forEach(q -> tell(
                q.request().taskId(),
                "in a batch of " + batch.size() + " (tasks " + tasks + "): stacked on trunk and tested together"));
        return batch;
    }

    private void tell(String taskId, String state) {
        for (MergeQueueObserver observer : observers) {
            try {
                observer.queueStateChanged(taskId, state);
            } catch (RuntimeException e) {
                log.warn("merge-queue observer failed for task {}: {}", taskId, e.toString());
            }
        }
    }

    private synchronized List<QueuedMerge> running() {
        return List.copyOf(running);
    }

    /** What is queued and what the running round does, in queue order: for the board and Cockpit. */
    public synchronized List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        running.stream()
                .filter(q -> !q.outcome().isDone())
                .forEach(q -> entries.add(
                        new Entry(q.request().taskId(), q.request().worktree().member(), q.state())));
        int position = 1;
        for (QueuedMerge queued : waiting) {
            entries.add(new Entry(
                    queued.request().taskId(),
                    queued.request().worktree().member(),
                    "waiting (" + position++ + " in queue)"));
        }
        return entries;
    }

    /** The running round's step, empty when none runs. */
    public String phase() {
        return phase;
    }

    /** A task in the queue: its member and what is happening to it ("waiting (2 in queue)", "testing batch of 5"). */
    public record Entry(String taskId, String member, String state) {}

    private static MergeOutcome outcomeOf(QueuedMerge queued) {
        try {
            return queued.outcome().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | CancellationException e) {
            throw new IllegalStateException("outcome of a decided merge unavailable", e);
        }
    }
}
