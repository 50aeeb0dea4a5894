package dev.bosun.merge;

import static dev.bosun.workspace.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.TestTimeouts;
import dev.bosun.workspace.GitCli;

class MergeQueueTest {

    @TempDir
    Path dir;

    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    MergeQueueRig rig() {
        return MergeQueueRig.create(dir, "jdbc:h2:mem:queue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", 0);
    }

    /**
     * Merges every request on a thread of its own while another holder keeps the lease, so that
     * they all queue, then lets the lease go: the first round takes them all as one batch.
     */
    List<MergeOutcome> mergeTogether(MergeQueueRig rig, MergeQueue queue, List<MergeRequest> requests)
            throws Exception {
        List<Future<MergeOutcome>> outcomes = rig.queueAsOneBatch(queue, requests, threads);
        List<MergeOutcome> result = new ArrayList<>();
        for (Future<MergeOutcome> outcome : outcomes) {
            result.add(outcome.get(TestTimeouts.scaled(Duration.ofMinutes(3)).toMillis(), TimeUnit.MILLISECONDS));
        }
        return result;
    }

    @Test
    void eightGreenChangesAreTestedOnceAndMergedAsOneCommitWithATrailerEach() throws Exception {
        MergeQueueRig rig = rig();
        String oldTip = rig.tip();
        List<MergeRequest> requests = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            requests.add(rig.task(i, false));
        }
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(1), List.of()), 8);

        List<MergeOutcome> outcomes = mergeTogether(rig, queue, requests);

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(MergeOutcome.Merged.class));
        String tip = rig.tip();
        assertThat(outcomes)
                .allSatisfy(
                        o -> assertThat(((MergeOutcome.Merged) o).mergeCommit()).isEqualTo(tip));
        assertThat(rig.runs()).isEqualTo(1);
        assertThat(rig.firstParentsSince(oldTip)).containsExactly(tip);
        assertThat(git(rig.repo, "rev-parse", "main^1")).isEqualTo(oldTip);
        String message = git(rig.repo, "log", "-1", "--format=%B", "main");
        assertThat(message)
                .startsWith("Merge 8 tasks: task-1, task-2, task-3, task-4, task-5, task-6, task-7, task-8\n");
        for (int i = 1; i <= 8; i++) {
            assertThat(rig.trailers("task-" + i)).isEqualTo(1);
            assertThat(rig.journal.commitsOf("task-" + i)).containsExactly(tip);
            assertThat(Files.readString(rig.repo.resolve(".bosun/worktrees/eng-" + i + "/file-" + i + ".txt")))
                    .isEqualTo("change " + i + "\n");
            assertThat(git(rig.repo, "show", "main:file-" + i + ".txt")).isEqualTo("change " + i);
            assertThat(new GitCli()
                            .run(rig.repo, "rev-parse", "--verify", "-q", "refs/heads/eng-" + i + "/task-" + i)
                            .ok())
                    .as("branch of task-%d deleted", i)
                    .isFalse();
            assertThat(git(rig.repo.resolve(".bosun/worktrees/eng-" + i), "rev-parse", "HEAD"))
                    .isEqualTo(tip);
        }
        assertThat(queue.entries()).isEmpty();
    }

    @Test
    void oneRedAmongEightIsFoundInAtMostFourRunsTheOthersMergeAndTrunkIsGreenAtEveryFirstParent() throws Exception {
        MergeQueueRig rig = rig();
        String oldTip = rig.tip();
        List<MergeRequest> requests = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            requests.add(rig.task(i, i == 5));
        }
        Map<String, Integer> runsWhenDecided = new ConcurrentHashMap<>();
        MergeObserver observer = new MergeObserver() {
            @Override
            public void mergeStarted(String taskId, String holder) {}

            @Override
            public void mergeFinished(String taskId, String holder, MergeOutcome outcome) {
                runsWhenDecided.put(taskId, rig.runs());
            }
        };
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(1), List.of(observer)), 8);

        List<MergeOutcome> outcomes = mergeTogether(rig, queue, requests);

        for (int i = 1; i <= 8; i++) {
            MergeOutcome outcome = outcomes.get(i - 1);
            if (i == 5) {
                assertThat(outcome).isInstanceOf(MergeOutcome.TestsRed.class);
                assertThat(((MergeOutcome.TestsRed) outcome).result().green()).isFalse();
                assertThat(rig.trailers("task-5")).isZero();
                assertThat(rig.journal.commitsOf("task-5")).isEmpty();
                assertThat(git(rig.repo, "rev-parse", "eng-5/task-5"))
                        .as("the culprit's branch is untouched")
                        .isEqualTo(requests.get(4).testedCommit());
            } else {
                assertThat(outcome).as("task-%d", i).isInstanceOf(MergeOutcome.Merged.class);
                assertThat(rig.trailers("task-" + i))
                        .as("trailers of task-%d", i)
                        .isEqualTo(1);
                assertThat(rig.journal.commitsOf("task-" + i)).hasSize(1);
            }
        }
        // top red, then prefixes 4 (green), 6 (red), 5 (red): the culprit in 1 + log2(8) runs.
        assertThat(runsWhenDecided.get("task-5")).isLessThanOrEqualTo(4);
        List<String> firstParents = rig.firstParentsSince(oldTip);
        // tasks 1-4 in one commit, then 6-8 in the next batch on the new trunk
        assertThat(firstParents).hasSize(2);
        for (String commit : firstParents) {
            Path checkout = dir.resolve("check-" + commit);
            git(rig.repo, "worktree", "add", "-q", "--detach", checkout.toString(), commit);
            Process test = new ProcessBuilder(MergeQueueRig.TEST_COMMAND)
                    .directory(checkout.toFile())
                    .redirectErrorStream(true)
                    .start();
            assertThat(test.waitFor(TestTimeouts.scaled(Duration.ofMinutes(1)).toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            assertThat(test.exitValue())
                    .as("tests at first-parent commit %s", commit)
                    .isZero();
        }
    }

    @Test
    void eachTasksPlaceInTheQueueIsToldOnlyWhileItsMergeWaits() throws Exception {
        MergeQueueRig rig = rig();
        List<MergeRequest> requests = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            requests.add(rig.task(i, i == 2));
        }
        List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
        MergeObserver finished = new MergeObserver() {
            @Override
            public void mergeStarted(String taskId, String holder) {}

            @Override
            public void mergeFinished(String taskId, String holder, MergeOutcome outcome) {
                told.add(taskId + " decided");
            }
        };
        MergeQueue queue = new MergeQueue(
                rig.merger(Duration.ofMinutes(1), List.of(finished)),
                8,
                List.of((taskId, state) -> told.add(taskId + " " + state)));

        mergeTogether(rig, queue, requests);

        String firstBatch =
                "in a batch of 4 (tasks task-1, task-2, task-3, task-4): stacked on trunk and tested together";
        assertThat(toldAbout(told, "task-1")).containsExactly("waiting in the merge queue", firstBatch, "decided");
        assertThat(toldAbout(told, "task-2"))
                .as("the culprit")
                .containsExactly("waiting in the merge queue", firstBatch, "decided");
        assertThat(toldAbout(told, "task-3"))
                .as("after the culprit: back in the queue, then the next batch")
                .containsExactly(
                        "waiting in the merge queue",
                        firstBatch,
                        "back in the merge queue: it conflicts with the batch it was in,"
                                + " or came after that batch's red change",
                        "in a batch of 2 (tasks task-3, task-4): stacked on trunk and tested together",
                        "decided");
    }

    private static List<String> toldAbout(List<String> told, String taskId) {
        synchronized (told) {
            return told.stream()
                    .filter(line -> line.startsWith(taskId + " "))
                    .map(line -> line.substring(taskId.length() + 1))
                    .toList();
        }
    }

    @Test
    void aChangeThatConflictsWithTheStackWaitsForTheNextBatchWhereTrunkDecides() throws Exception {
        MergeQueueRig rig = rig();
        MergeRequest first = rig.task(1, false);
        // task 2 changes the same new file differently: fine on trunk, a conflict on task 1's change
        var worktree = rig.worktrees.prepare("eng-2", "task-2", null);
        String head = dev.bosun.workspace.GitFixture.commit(worktree.path(), "file-1.txt", "other\n", "clash");
        MergeRequest second = new MergeRequest(
                "task-2",
                "clash",
                worktree,
                head,
                false,
                MergeQueueRig.TEST_COMMAND,
                Duration.ofMinutes(1),
                List.of(),
                null);
        MergeRequest third = rig.task(3, false);
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(1), List.of()), 8);

        List<MergeOutcome> outcomes = mergeTogether(rig, queue, List.of(first, second, third));

        assertThat(outcomes.get(0)).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(outcomes.get(2)).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(outcomes.get(1)).isInstanceOf(MergeOutcome.Conflict.class);
        assertThat(((MergeOutcome.Conflict) outcomes.get(1)).files()).containsExactly("file-1.txt");
        assertThat(git(rig.repo, "rev-parse", "eng-2/task-2")).isEqualTo(head);
        assertThat(rig.trailers("task-1")).isEqualTo(1);
        assertThat(rig.trailers("task-3")).isEqualTo(1);
        assertThat(rig.trailers("task-2")).isZero();
    }

    @Test
    void aLimitOfOneMergesEachTaskOnItsOwnAsBefore() throws Exception {
        MergeQueueRig rig = rig();
        String oldTip = rig.tip();
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(1), List.of()), 1);
        MergeRequest first = rig.task(1, false);
        MergeRequest second = rig.task(2, false);

        List<MergeOutcome> outcomes = List.of(queue.merge(first), queue.merge(second));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(MergeOutcome.Merged.class));
        List<String> firstParents = rig.firstParentsSince(oldTip);
        assertThat(firstParents).hasSize(2);
        assertThat(git(rig.repo, "log", "-1", "--format=%B", firstParents.get(1)))
                .startsWith("Merge task task-2: Title of task-2");
        // task 1 was on trunk's tip (its tested commit, not re-tested); task 2 was rebased: re-tested
        assertThat(rig.runs()).isEqualTo(1);
    }

    @Test
    void aMergeFoundAgainAfterABatchOnlyCleansUp() throws Exception {
        MergeQueueRig rig = rig();
        MergeRequest first = rig.task(1, false);
        MergeRequest second = rig.task(2, false);
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(1), List.of()), 8);
        List<MergeOutcome> outcomes = mergeTogether(rig, queue, List.of(first, second));
        String tip = rig.tip();

        MergeOutcome again = queue.merge(second);

        assertThat(again).isEqualTo(new MergeOutcome.Merged(tip, true));
        assertThat(outcomes).containsOnly(new MergeOutcome.Merged(tip, false));
        assertThat(rig.trailers("task-2")).isEqualTo(1);
        assertThat(rig.tip()).isEqualTo(tip);
    }

    @Test
    void aLimitBelowOneIsRefusedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MergeQueueProperties(0))
                .hasMessageContaining("bosun.merge.queue-limit")
                .hasMessageContaining("0");
    }
}
