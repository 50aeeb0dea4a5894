package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskSummary;
import dev.bosun.merge.MergeObserver;
import dev.bosun.merge.MergeOutcome;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.support.Await;
import dev.bosun.support.MarkerFiles;
import dev.bosun.support.TestTimeouts;

/**
 * The whole lifecycle with nothing mocked: the real engine on an H2 file, the built-in script
 * agent in real PTYs, two engineers in real git worktrees, a real test command and the merge lock.
 * After every scenario, whatever ran before it, each commit on trunk's first-parent history
 * passes the tests: red commits never reach trunk.
 */
@SpringBootTest(
        properties = {
            "bosun.engineers=2",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
@Import(TaskLifecycleIntegrationTest.RecorderConfiguration.class)
class TaskLifecycleIntegrationTest extends LifecycleTestSupport {

    /**
     * 20 s: anAgentThatNeverExitsIsStoppedAndItsCommitsAreKept waits it out. It is also the most
     * any healthy turn here may take (an agent JVM and a commit), which a busy machine stretches,
     * so it follows the test timeout scale.
     */
    @DynamicPropertySource
    static void turnTimeout(DynamicPropertyRegistry registry) {
        registry.add(
                "bosun.turn-timeout",
                () -> TestTimeouts.scaled(Duration.ofSeconds(20)).toMillis() + "ms");
    }

    @Autowired
    MergeRecorder merges;

    @Test
    void greenTaskIsMerged() {
        String id = start("Add a greeting", script("write greeting.txt <<EOF", "hello", "EOF", "commit add greeting"));

        TaskSummary task = awaitStatus(id, "merged");
        assertThat(task.mergedCommit()).isNotBlank();
        assertThat(repository.git("show", "main:greeting.txt")).isEqualTo("hello");
        assertThat(repository.git("log", "-1", "--format=%B", "main")).contains("Bosun-Task: " + id);
        assertThat(repository.git("log", "--format=%an %s", "main")).contains(task.assignee() + " add greeting");
        assertThat(repository.branchExists(task.branch()))
                .as("task branch deleted after merge")
                .isFalse();
        assertThat(task.branch()).isEqualTo(task.assignee() + "/" + id);
        assertThat(values(id, "mergeQueue"))
                .as("the merge queue's states, as Cockpit shows them on the instance")
                .containsExactly(
                        "waiting in the merge queue",
                        "in a batch of 1 (tasks " + id + "): stacked on trunk and tested together");
        assertThat(awaitEvents(id, "task_merged"))
                .containsExactly(
                        "task_created",
                        "task_claimed",
                        "turn_started",
                        "turn_finished",
                        "tests_passed",
                        "merge_started",
                        "task_merged");
        Await.until(
                "the board to show task " + id + " done",
                PATIENCE,
                this::board,
                board -> board.contains("- [x] #" + id + " Add a greeting (" + task.assignee()));
    }

    @Test
    void redThenGreenGetsExactlyOneFixTurnWithTheLast50Lines() {
        String id = start(
                "Fix the farewell",
                script(
                        "attempt 1",
                        "write farewell.txt <<EOF",
                        "BROKEN goodbye",
                        "EOF",
                        "commit first try",
                        "attempt 2+",
                        "write farewell.txt <<EOF",
                        "goodbye",
                        "EOF",
                        "commit fix farewell"));

        awaitStatus(id, "merged");
        assertThat(count(id, ProcessIds.TASK_CODE_TURN)).isEqualTo(2);
        assertThat(count(id, ProcessIds.TASK_RUN_TESTS)).isEqualTo(2);
        List<String> prompts = values(id, ProcessVariables.PROMPT);
        assertThat(prompts).hasSize(2);
        String fixPrompt = prompts.get(1);
        // test.sh prints 80 numbered lines, then the offending file and a FAIL line: the last 50
        // lines start at "check line 33".
        assertThat(fixPrompt)
                .contains("check line 33", "check line 80", "./farewell.txt", "FAIL: a file is")
                .doesNotContain("check line 32\n")
                .contains("exit code 1");
        assertThat(repository.git("show", "main:farewell.txt")).isEqualTo("goodbye");
        assertThat(awaitEvents(id, "task_merged"))
                .containsExactly(
                        "task_created",
                        "task_claimed",
                        "turn_started",
                        "turn_finished",
                        "tests_failed",
                        "retry_sent",
                        "turn_started",
                        "turn_finished",
                        "tests_passed",
                        "merge_started",
                        "task_merged");
    }

    @Test
    void alwaysRedRunsTestsThreeTimesThenEscalatesAndAbandonMergesNothing() {
        String id = start("Hopeless", script("append hopeless.txt <<EOF", "BROKEN again", "EOF", "commit try again"));

        TaskSummary task = awaitStatus(id, "escalated");
        assertThat(count(id, ProcessIds.TASK_RUN_TESTS)).isEqualTo(3);
        Task escalation = escalation(id);
        assertThat(userTasks
                        .getVariable(escalation.getId(), ProcessVariables.LAST_OUTPUT)
                        .toString())
                .contains("FAIL: a file is");
        userTasks.complete(escalation.getId(), Map.of(ProcessVariables.DECISION, "abandon"));

        awaitStatus(id, "abandoned");
        assertThat(repository.git("log", "--format=%B", "main")).doesNotContain("Bosun-Task: " + id + "\n");
        assertThat(repository.branchExists(task.branch()))
                .as("the engineer's commits are kept")
                .isTrue();
        assertThat(repository.git("rev-list", "--count", "main.." + task.branch()))
                .isEqualTo("3");
        assertThat(awaitEvents(id, "task_abandoned"))
                .endsWith("tests_failed", "task_escalated", "escalation_resolved", "task_abandoned")
                .filteredOn("tests_failed"::equals)
                .hasSize(3);
    }

    @Test
    void escalationRetryWithGuidanceGivesOneMoreRound() {
        String id = start(
                "Needs a hint",
                script(
                        "attempt 1",
                        "write hint.txt <<EOF",
                        "BROKEN 1",
                        "EOF",
                        "commit try 1",
                        "attempt 2",
                        "write hint.txt <<EOF",
                        "BROKEN 2",
                        "EOF",
                        "commit try 2",
                        "attempt 3",
                        "write hint.txt <<EOF",
                        "BROKEN 3",
                        "EOF",
                        "commit try 3",
                        "attempt 4+",
                        "write hint.txt <<EOF",
                        "fine now",
                        "EOF",
                        "commit follow the hint"));

        awaitStatus(id, "escalated");
        userTasks.complete(
                escalation(id).getId(),
                Map.of(
                        ProcessVariables.DECISION,
                        "retry",
                        ProcessVariables.GUIDANCE,
                        "Replace the marker word with 'fine now'."));

        awaitStatus(id, "merged");
        assertThat(count(id, ProcessIds.TASK_CODE_TURN)).isEqualTo(4);
        assertThat(values(id, ProcessVariables.PROMPT))
                .last()
                .asString()
                .contains("Replace the marker word with 'fine now'.");
        assertThat(repository.git("show", "main:hint.txt")).isEqualTo("fine now");
    }

    @Test
    void rebaseConflictGoesBackToTheEngineerAndMergesAfterTheFix() {
        String first = start(
                "Shared line, version A", script("write shared.txt <<EOF", "version A", "EOF", "commit shared line A"));
        // B branches from the old trunk, waits until A is on trunk, then edits the same line:
        // its merge must hit a rebase conflict. Its fix turn rebases, keeping its own version.
        String second = start(
                "Shared line, version B",
                script(
                        "attempt 1",
                        "run sh -c \"until git log main --format=%B | grep -q 'Bosun-Task: " + first
                                + "$'; do sleep 0.2; done\"",
                        "write shared.txt <<EOF",
                        "version B",
                        "EOF",
                        "commit shared line B",
                        "attempt 2+",
                        "run git rebase -X theirs main"));

        awaitStatus(first, "merged");
        awaitStatus(second, "merged");
        assertThat(count(second, ProcessIds.BOUNDARY_REBASE_CONFLICT)).isEqualTo(1);
        assertThat(count(second, ProcessIds.TASK_CODE_TURN)).isEqualTo(2);
        assertThat(values(second, ProcessVariables.FAILURE_REASON))
                .anySatisfy(reason -> assertThat(reason).contains("conflicted in: shared.txt"));
        assertThat(values(second, ProcessVariables.PROMPT).get(1)).contains("shared.txt");
        assertThat(repository.git("show", "main:shared.txt")).isEqualTo("version B");
        assertThat(awaitEvents(second, "task_merged"))
                .containsSubsequence(
                        "merge_started",
                        "rebase_conflict",
                        "retry_sent",
                        "turn_started",
                        "merge_started",
                        "task_merged");
    }

    @Test
    void twoEngineersWorkAtOnceAndMergesNeverOverlap() {
        // Each turn waits until the other has started (a rendezvous on marker files), so the turns
        // overlap by construction; a fixed sleep in each only made that likely on an idle machine.
        Path meet = home.resolve("meet-" + java.util.UUID.randomUUID());
        String left = start("Left file", meetThenCommit(meet, "left", "right"));
        String right = start("Right file", meetThenCommit(meet, "right", "left"));

        TaskSummary a = awaitStatus(left, "merged");
        TaskSummary b = awaitStatus(right, "merged");
        assertThat(a.assignee()).isNotEqualTo(b.assignee());
        HistoricActivityInstance turnA = codeTurn(left);
        HistoricActivityInstance turnB = codeTurn(right);
        assertThat(turnA.getStartTime())
                .as("the two code turns ran at the same time")
                .isBefore(turnB.getEndTime());
        assertThat(turnB.getStartTime()).isBefore(turnA.getEndTime());

        assertThat(merges.maxInside.get()).as("merges inside the lock at once").isEqualTo(1);
        List<MergeRecorder.Interval> sorted = merges.intervals.stream()
                .sorted(java.util.Comparator.comparing(MergeRecorder.Interval::start))
                .toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).start())
                    .as("merge %s starts after %s ended", sorted.get(i), sorted.get(i - 1))
                    .isAfterOrEqualTo(sorted.get(i - 1).end());
        }
        assertThat(sorted).extracting(MergeRecorder.Interval::taskId).contains(left, right);
    }

    @Test
    void anAgentThatNeverExitsIsStoppedAndItsCommitsAreKept() {
        String id = start(
                "Commit, then hang",
                script(
                        "attempt 1",
                        "write hang.txt <<EOF",
                        "committed before hanging",
                        "EOF",
                        "commit before hanging",
                        "sleep 10m"));

        awaitStatus(id, "merged");
        assertThat(values(id, ProcessVariables.TURN_TIMED_OUT)).containsExactly("true");
        assertThat(repository.git("show", "main:hang.txt")).isEqualTo("committed before hanging");
    }

    @Test
    void anAgentThatExitsNonZeroWithoutCommitsIsSentBackWithTheReason() {
        String id = start(
                "Give up once",
                script(
                        "attempt 1",
                        "say I cannot do this",
                        "exit 3",
                        "attempt 2+",
                        "write giveup.txt <<EOF",
                        "done after all",
                        "EOF",
                        "commit done after all"));

        awaitStatus(id, "merged");
        assertThat(values(id, ProcessVariables.FAILURE_REASON))
                .anySatisfy(reason -> assertThat(reason).contains("No commits ahead of main", "exited with code 3"));
        assertThat(count(id, ProcessIds.TASK_RUN_TESTS))
                .as("no tests without commits")
                .isEqualTo(1);
    }

    @AfterEach
    void everyCommitOnTrunksFirstParentHistoryPassesTheTests() {
        for (String commit : repository.firstParentHistory("main")) {
            assertThat(repository.testExitCodeAt(commit, home))
                    .as("sh test.sh at %s", commit)
                    .isZero();
        }
    }

    /** The events of one task in .bosun/events.jsonl, once {@code last} has been written. */
    private List<String> awaitEvents(String id, String last) {
        return Await.until(
                "event " + last + " of task " + id, PATIENCE, () -> eventsOf(id), names -> names.contains(last));
    }

    private List<String> eventsOf(String id) {
        Path file = repository.root().resolve(".bosun/events.jsonl");
        try {
            if (!java.nio.file.Files.exists(file)) {
                return List.of();
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> names = new java.util.ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(file)) {
                Map<?, ?> event = json.readValue(line, Map.class);
                if (id.equals(event.get("task"))) {
                    names.add((String) event.get("event"));
                }
            }
            return names;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HistoricActivityInstance codeTurn(String id) {
        return history.createHistoricActivityInstanceQuery()
                .processInstanceId(instanceOf(id))
                .activityId(ProcessIds.TASK_CODE_TURN)
                .singleResult();
    }

    @TestConfiguration
    static class RecorderConfiguration {
        @Bean
        MergeRecorder mergeRecorder() {
            return new MergeRecorder();
        }
    }

    /** Records when each merge held the lock, and widens that window so a broken lock would show. */
    static class MergeRecorder implements MergeObserver {
        record Interval(String taskId, Instant start, Instant end) {}

        final List<Interval> intervals = new CopyOnWriteArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();
        private final Map<String, Instant> started = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void mergeStarted(String taskId, String holder) {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            started.put(taskId, Instant.now());
            try {
                Thread.sleep(300); // not synchronisation: holding the lock longer makes an overlap visible
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void mergeFinished(String taskId, String holder, MergeOutcome outcome) {
            inside.decrementAndGet();
            intervals.add(new Interval(taskId, started.remove(taskId), Instant.now()));
        }
    }

    /** Says {@code self} arrived, waits until {@code other} has too, then commits {@code self}.txt. */
    private static String meetThenCommit(Path meet, String self, String other) {
        return script(
                MarkerFiles.createStep(meet.resolve(self)),
                MarkerFiles.awaitStep(meet.resolve(other)),
                "write " + self + ".txt <<EOF",
                self,
                "EOF",
                "commit " + self);
    }
}
