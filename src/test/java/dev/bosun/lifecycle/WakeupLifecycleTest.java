package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.board.TaskSummary;

/**
 * Wake-ups carry a task through every step: with a poll interval of an hour no loop would find
 * the work of this test in time, so each step (the claim, the worktree, the turn, the evidence,
 * the tests, the merge) ran because the transaction that created it woke its loop. The second task
 * waits for the only engineer; the end of the first task's instance wakes the claim.
 */
@SpringBootTest(
        properties = {
            "bosun.engineers=1",
            "bosun.worker.poll-interval=1h",
            "bosun.test-timeout=60s",
            "bosun.worker.lock-duration=15s"
        })
class WakeupLifecycleTest extends LifecycleTestSupport {

    @Test
    void tasksGoThroughEveryStepWithoutWaitingForAPoll() {
        String first = start("First", script("write first.txt <<EOF", "one", "EOF", "commit add first"));
        String second = start("Second", script("write second.txt <<EOF", "two", "EOF", "commit add second"));

        TaskSummary one = awaitStatus(first, "merged");
        TaskSummary two = awaitStatus(second, "merged");

        assertThat(repository.git("show", "main:first.txt")).isEqualTo("one");
        assertThat(repository.git("show", "main:second.txt")).isEqualTo("two");
        assertThat(two.assignee())
                .as("one engineer, freed by the first task's end")
                .isEqualTo(one.assignee());
    }
}
