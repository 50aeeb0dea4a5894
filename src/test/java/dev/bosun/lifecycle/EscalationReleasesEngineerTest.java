package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.board.TaskSummary;
import dev.bosun.support.Await;

/**
 * An escalated task releases its engineer while a human decides: with one engineer, the next task
 * is claimed and merged meanwhile. A retry goes back to the previous engineer when it is free, and
 * to the next idle one while it is on another task; whoever takes it up continues on the task's
 * branch as it is. Real engine, real script agents in real PTYs, real git, the real CLI.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bosun.engineers=2",
            "bosun.max-retries=0",
            "bosun.turn-timeout=120s",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
class EscalationReleasesEngineerTest extends LifecycleTestSupport {

    @LocalServerPort
    int port;

    /** Attempt 1 commits a red change; a later attempt (the human's retry) commits the fix on top. */
    private static String redThenFixedOnRetry(String file) {
        return script(
                "attempt 1",
                "write " + file + " <<EOF",
                "BROKEN first try",
                "EOF",
                "commit first try",
                "attempt 2+",
                "write " + file + " <<EOF",
                "fixed",
                "EOF",
                "commit fixed after the guidance");
    }

    /** Holds its engineer until {@code gate} exists, then commits a green change. */
    private static String busyUntil(Path gate, String file) {
        return script(
                "run sh -c \"until [ -e '" + gate + "' ]; do sleep 0.2; done\"",
                "write " + file + " <<EOF",
                "done",
                "EOF",
                "commit " + file);
    }

    @Test
    void whileAHumanDecidesTheEngineerWorksOnTheNextTaskAndTheRetryComesBackToIt() throws IOException {
        Path gate = Files.createTempDirectory("bosun-gate").resolve("open");
        // Both engineers are kept busy except the one the escalation releases.
        String red = start("Red at first", redThenFixedOnRetry("first.txt"));
        String blocker = start("Holds the other engineer", busyUntil(gate, "blocker.txt"));
        TaskSummary escalated = awaitStatus(red, "escalated");
        String engineer = escalated.assignee();
        String branchTipBefore = repository.git("rev-parse", escalated.branch());

        String next = start("Next task", script("write next.txt <<EOF", "next", "EOF", "commit next"));
        TaskSummary merged = awaitStatus(next, "merged");

        assertThat(merged.assignee())
                .as("the escalated task's engineer was free to take the next task")
                .isEqualTo(engineer);
        assertThat(tasks.find(red).orElseThrow().task().status()).isEqualTo("escalated");
        assertThat(escalation(red)).as("still waiting for the human").isNotNull();
        assertThat(repository.git("rev-parse", escalated.branch()))
                .as("the branch is kept as it was")
                .isEqualTo(branchTipBefore);
        assertThat(cli(port, 0, "status")).contains(engineer);

        cli(port, 0, "decide", red, "retry", "--guidance", "drop the BROKEN word");
        TaskSummary done = awaitStatus(red, "merged");

        assertThat(done.assignee()).as("the previous engineer was free again").isEqualTo(engineer);
        assertThat(repository.git("show", "main:first.txt")).isEqualTo("fixed");
        assertThat(repository.git("log", "--format=%s", "main"))
                .as("the retry continued the branch: its first commit is merged too")
                .contains("first try", "fixed after the guidance");
        Files.createFile(gate);
        awaitStatus(blocker, "merged");
    }

    @Test
    void aRetryWhoseEngineerIsOnAnotherTaskGoesToTheNextIdleOneOnTheSameBranch() throws IOException {
        Path gates = Files.createTempDirectory("bosun-gates");
        String red = start("Red at first, again", redThenFixedOnRetry("second.txt"));
        TaskSummary escalated = awaitStatus(red, "escalated");
        String first = escalated.assignee();

        // Both engineers are held, the released one included.
        String one = start("Holds an engineer", busyUntil(gates.resolve("one"), "hold-1.txt"));
        String two = start("Holds the other engineer", busyUntil(gates.resolve("two"), "hold-2.txt"));
        List<TaskSummary> held = Await.until(
                "both engineers held",
                PATIENCE,
                () -> List.of(
                        tasks.find(one).orElseThrow().task(),
                        tasks.find(two).orElseThrow().task()),
                both -> both.stream().allMatch(t -> "in-progress".equals(t.status())));
        String heldByOther = held.get(0).assignee().equals(first) ? two : one;
        String heldByFirst = heldByOther.equals(one) ? two : one;

        cli(port, 0, "decide", red, "retry", "--guidance", "drop the BROKEN word");
        awaitStatus(red, "todo");
        // Free only the other engineer: the retry must not wait for the first one.
        Files.createFile(gates.resolve(heldByOther.equals(one) ? "one" : "two"));
        TaskSummary done = awaitStatus(red, "merged");

        assertThat(done.assignee()).as("taken up by the next idle engineer").isNotEqualTo(first);
        assertThat(done.branch()).as("on the branch the first engineer started").isEqualTo(escalated.branch());
        assertThat(repository.git("log", "--format=%s", "main"))
                .as("it picked up the branch as it was")
                .contains("first try", "fixed after the guidance");
        assertThat(tasks.find(heldByFirst).orElseThrow().task().status())
                .as("the first engineer was never interrupted")
                .isEqualTo("in-progress");
        Files.createFile(gates.resolve(heldByFirst.equals(one) ? "one" : "two"));
        awaitStatus(heldByFirst, "merged");
    }
}
