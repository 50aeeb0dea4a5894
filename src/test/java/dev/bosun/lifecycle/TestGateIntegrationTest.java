package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskSummary;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;

/**
 * Agents that try to talk the test gate round from inside their turn, against the real engine,
 * the built-in script agent in real PTYs and real git: by writing trunk themselves, and by
 * leaving files where the tests run. The test command ({@code sh check.sh}) passes when a file
 * {@code verdict.ok} exists, a file that {@code .gitignore} keeps out of every commit.
 */
@SpringBootTest(
        properties = {
            "bosun.engineers=2",
            "bosun.max-retries=1",
            "bosun.test-command[0]=sh",
            "bosun.test-command[1]=check.sh",
            "bosun.turn-timeout=20s",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
class TestGateIntegrationTest extends LifecycleTestSupport {

    static final String CHECK_SCRIPT = """
            #!/bin/sh
            if [ -f verdict.ok ]; then echo "verdict.ok says green"; exit 0; fi
            if grep -rl --exclude-dir=.git --exclude=check.sh "BRO""KEN" . ; then echo "FAIL: a file is BRO""KEN"; exit 1; fi
            echo PASS
            """;

    @DynamicPropertySource
    static void checkScript(DynamicPropertyRegistry registry) throws IOException {
        var root = repository().root();
        Files.writeString(root.resolve("check.sh"), CHECK_SCRIPT);
        Files.writeString(root.resolve(".gitignore"), "*.ok\n");
        repository.git("add", "check.sh", ".gitignore");
        repository.git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "check.sh");
    }

    @Test
    void anAgentThatWritesTrunkWithAForgedTrailerEscalatesAndIsNeverRecordedAsMergedThere() {
        String id = start(
                "Forge a merge",
                script(
                        "write forged.txt <<EOF",
                        "work that was never merged",
                        "EOF",
                        "commit real work",
                        "run sh -c \"f=$(git commit-tree -p main -m \\\"Merge task $BOSUN_TASK: done\\\" -m \\\"Bosun-Task: $BOSUN_TASK\\\" main^{tree})"
                                + " && git update-ref refs/heads/main $f\""));

        TaskSummary task = awaitStatus(id, "escalated");
        String forged = repository.git("rev-parse", "main");
        assertThat(repository.git("log", "-1", "--format=%B", forged)).contains("Bosun-Task: " + id);
        Task escalation = escalation(id);
        assertThat(userTasks
                        .getVariable(escalation.getId(), ProcessVariables.FAILURE_REASON)
                        .toString())
                .startsWith("trunk changed during the turn: ")
                .contains(".." + forged + " was not written by Bosun");
        assertThat(count(id, ProcessIds.BOUNDARY_TRUNK_CHANGED)).isEqualTo(1);
        assertThat(count(id, ProcessIds.TASK_RUN_TESTS)).isZero();
        assertThat(task.mergedCommit()).isNull();

        userTasks.complete(escalation.getId(), Map.of(ProcessVariables.DECISION, "abandon"));
        TaskSummary abandoned = awaitStatus(id, "abandoned");
        assertThat(abandoned.mergedCommit()).isNull();
        assertThat(values(id, ProcessVariables.MERGED_COMMIT)).doesNotContain(forged);
        assertThat(count(id, ProcessIds.END_MERGED)).isZero();
    }

    @Test
    void filesLeftInTheWorktreeOrInBosunsCheckoutCannotMakeARedCommitGreen() {
        String trunkBefore = repository.git("rev-parse", "main");
        String id = start(
                "Red, with help",
                script(
                        "attempt 1",
                        "write red.txt <<EOF",
                        "BROKEN",
                        "EOF",
                        "commit red work",
                        // after the commit: an ignored verdict file and an uncommitted "fix" in its worktree
                        "run sh -c \"echo yes > verdict.ok && echo fine > red.txt\"",
                        "attempt 2+",
                        "write notes.txt <<EOF",
                        "try again",
                        "EOF",
                        "commit try again",
                        // and then straight into the checkout where Bosun runs the tests
                        "run sh -c \"mkdir -p ../../checkouts/$BOSUN_MEMBER && echo yes > ../../checkouts/$BOSUN_MEMBER/verdict.ok"
                                + " && echo fine > ../../checkouts/$BOSUN_MEMBER/red.txt\""));

        awaitStatus(id, "escalated");
        assertThat(count(id, ProcessIds.TASK_RUN_TESTS)).isEqualTo(2);
        assertThat(values(id, ProcessVariables.TESTS_GREEN)).containsExactly("false", "false");
        assertThat(values(id, ProcessVariables.LAST_OUTPUT))
                .anySatisfy(output ->
                        assertThat(output).contains("FAIL: a file is").doesNotContain("verdict.ok says green"));
        assertThat(repository.git("rev-parse", "main")).isEqualTo(trunkBefore);

        userTasks.complete(escalation(id).getId(), Map.of(ProcessVariables.DECISION, "abandon"));
        awaitStatus(id, "abandoned");
    }
}
