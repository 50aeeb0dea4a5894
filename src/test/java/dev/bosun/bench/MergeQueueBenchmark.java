package dev.bosun.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bosun.merge.MergeObserver;
import dev.bosun.merge.MergeOutcome;
import dev.bosun.merge.MergeQueue;
import dev.bosun.merge.MergeQueueRig;
import dev.bosun.merge.MergeRequest;

/**
 * {@code merge-queue}: a real repository with 8 branches each adding its own file, a test command
 * that takes 2 s, the real merger (git CLI, JGit, Bosun's test checkouts) behind the real queue and
 * the merge lease on H2. Eight threads merge at once, with {@code bosun.merge.queue-limit} 8 against
 * 1 (one at a time, each rebased branch re-tested: the baseline, same run). Then one red change
 * among 8 queued together: how many test runs found it, and how many of the other 7 merged.
 */
final class MergeQueueBenchmark implements BenchmarkSection {

    private static final int TASKS = 8;
    private static final int TEST_SECONDS = 2;

    @Override
    public String name() {
        return "merge-queue";
    }

    @Override
    public List<Figure> run(BenchmarkWorkspace workspace) throws Exception {
        double batched = mergeAtOnce(workspace.folder("merge-queue-8"), 8);
        double oneAtATime = mergeAtOnce(workspace.folder("merge-queue-1"), 1);
        Red red = oneRedAmongEight(workspace.folder("merge-queue-red"));
        return List.of(
                Figure.ratio(
                        "8 green changes, 2 s tests: queue of 8 vs one at a time",
                        "queue",
                        batched,
                        "one at a time",
                        oneAtATime,
                        0.25),
                Figure.atMost(
                        "1 red among 8: test runs until the culprit was known",
                        red.runsToCulprit(),
                        4,
                        "runs",
                        red.culpritFound() ? "culprit found" : "culprit NOT found"),
                Figure.holds(
                        "1 red among 8: the other 7 merged",
                        red.othersMerged() + " of 7 merged",
                        "7 of 7",
                        red.othersMerged() == 7 && red.culpritFound(),
                        (7 - red.othersMerged()) + " not merged"));
    }

    /** Wall time in milliseconds for 8 threads that merge 8 green branches at once. */
    private static double mergeAtOnce(Path dir, int limit) throws Exception {
        MergeQueueRig rig = MergeQueueRig.create(dir, database(), TEST_SECONDS);
        List<MergeRequest> requests = new ArrayList<>();
        for (int i = 1; i <= TASKS; i++) {
            requests.add(rig.task(i, false));
        }
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(10), List.of()), limit);
        ExecutorService threads = Executors.newFixedThreadPool(TASKS);
        try {
            long start = System.nanoTime();
            List<Future<MergeOutcome>> outcomes = new ArrayList<>();
            for (MergeRequest request : requests) {
                outcomes.add(threads.submit(() -> queue.merge(request)));
            }
            for (Future<MergeOutcome> outcome : outcomes) {
                MergeOutcome merged = outcome.get(10, TimeUnit.MINUTES);
                if (!(merged instanceof MergeOutcome.Merged)) {
                    throw new IllegalStateException("a green change was not merged: " + merged);
                }
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            threads.shutdownNow();
        }
    }

    private record Red(int runsToCulprit, boolean culpritFound, int othersMerged) {}

    /** Task 5 of 8 breaks the tests; all 8 queue while the lease is busy, so they form one batch. */
    private static Red oneRedAmongEight(Path dir) throws Exception {
        MergeQueueRig rig = MergeQueueRig.create(dir, database(), TEST_SECONDS);
        List<MergeRequest> requests = new ArrayList<>();
        for (int i = 1; i <= TASKS; i++) {
            requests.add(rig.task(i, i == 5));
        }
        AtomicInteger runsToCulprit = new AtomicInteger(-1);
        MergeObserver observer = new MergeObserver() {
            @Override
            public void mergeStarted(String taskId, String holder) {}

            @Override
            public void mergeFinished(String taskId, String holder, MergeOutcome outcome) {
                if (outcome instanceof MergeOutcome.TestsRed) {
                    runsToCulprit.compareAndSet(-1, rig.runs());
                }
            }
        };
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(10), List.of(observer)), 8);
        ExecutorService threads = Executors.newFixedThreadPool(TASKS);
        try {
            List<Future<MergeOutcome>> outcomes = rig.queueAsOneBatch(queue, requests, threads);
            int merged = 0;
            boolean culpritFound = false;
            for (int i = 0; i < TASKS; i++) {
                MergeOutcome outcome = outcomes.get(i).get(10, TimeUnit.MINUTES);
                if (i == 4) {
                    culpritFound = outcome instanceof MergeOutcome.TestsRed;
                } else if (outcome instanceof MergeOutcome.Merged) {
                    merged++;
                }
            }
            return new Red(runsToCulprit.get(), culpritFound, merged);
        } finally {
            threads.shutdownNow();
        }
    }

    private static String database() {
        return "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
