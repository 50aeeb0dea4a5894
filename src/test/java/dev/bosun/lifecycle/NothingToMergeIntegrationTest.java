package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.board.TaskDetails;
import dev.bosun.board.TaskSummary;
import dev.bosun.process.ProcessIds;

/**
 * A task with nothing to merge never gets stuck in {@code merging}: a {@code merge} decision on a
 * branch without commits is refused (409, through the CLI) and the escalation stays open; a branch
 * whose change another task already put on trunk ends merged as "already on trunk", no incident.
 * Real engine, real script agents in real PTYs, real git, the real HTTP API.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bosun.engineers=2",
            "bosun.max-retries=0",
            "bosun.turn-timeout=60s",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
class NothingToMergeIntegrationTest extends LifecycleTestSupport {

    @LocalServerPort
    int port;

    @Test
    void aMergeDecisionOnATaskWithoutCommitsIsRefusedAndTheEscalationStaysOpen() {
        String id = start("Do nothing", script("say there is nothing to do"));
        TaskSummary escalated = awaitStatus(id, "escalated");
        String trunkBefore = repository.git("rev-parse", "main");
        String refusal = "task " + id + " has nothing to merge: its branch has no commits ahead of main;"
                + " abandon it, or retry with guidance";

        assertThat(cli(1, "decide", id, "merge")).contains(refusal);
        assertThat(cli(1, "merge", escalated.assignee())).contains(refusal);

        assertThat(escalation(id)).as("the escalation is still open").isNotNull();
        assertThat(tasks.find(id).orElseThrow().task().status()).isEqualTo("escalated");
        assertThat(count(id, ProcessIds.TASK_MERGE)).isZero();
        assertThat(repository.git("rev-parse", "main")).isEqualTo(trunkBefore);

        cli(0, "decide", id, "abandon");
        awaitStatus(id, "abandoned");
    }

    @Test
    void theSecondOfTwoTasksMakingTheSameChangeEndsMergedAsAlreadyOnTrunk() throws IOException {
        // Both commit the same file, then wait for each other, so both branches leave the same
        // trunk and the second to merge finds its change there after the rebase.
        Path barrier = Files.createTempDirectory("bosun-barrier");
        String first = start("Add the notice", sameChange(barrier, "a", "b"));
        String second = start("Add the notice too", sameChange(barrier, "b", "a"));

        TaskSummary one = awaitStatus(first, "merged");
        TaskSummary two = awaitStatus(second, "merged");

        boolean firstMergedIt =
                repository.git("log", "-1", "--format=%B", one.mergedCommit()).contains("Bosun-Task: " + first);
        TaskSummary merger = firstMergedIt ? one : two;
        TaskDetails duplicate = tasks.find(firstMergedIt ? second : first).orElseThrow();
        assertThat(repository.git("show", "main:notice.txt")).isEqualTo("same words");
        assertThat(repository.git("log", "--format=%B", "main"))
                .contains("Bosun-Task: " + merger.id())
                .doesNotContain("Bosun-Task: " + duplicate.task().id());
        assertThat(duplicate.incidents()).isEmpty();
        assertThat(duplicate.lastOutput()).startsWith("Already on main: nothing was left to merge");
        assertThat(repository.git(
                        "merge-base", "--is-ancestor", duplicate.task().mergedCommit(), "main"))
                .as("the duplicate's commit is a trunk commit")
                .isEmpty();
        assertThat(repository.branchExists(duplicate.task().branch()))
                .as("the duplicate's branch keeps its commits")
                .isTrue();
        assertThat(count(duplicate.task().id(), ProcessIds.TASK_MERGE)).isEqualTo(1);
    }

    private static String sameChange(Path barrier, String mine, String theirs) {
        return script(
                "write notice.txt <<EOF",
                "same words",
                "EOF",
                "commit add the notice",
                "run sh -c \"touch " + barrier.resolve(mine) + " && while [ ! -e " + barrier.resolve(theirs)
                        + " ]; do sleep 0.1; done\"");
    }

    private String cli(int expectedExit, String... args) {
        return cli(port, expectedExit, args);
    }
}
