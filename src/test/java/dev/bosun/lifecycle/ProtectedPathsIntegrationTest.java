package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.board.TaskSummary;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.support.TestRepository;

/**
 * An agent that cannot make its tests pass rewrites the test script instead: real engine, real
 * script agent in a real PTY, real git. The tests at its commit are green, yet it is not merged
 * until a human has seen the diff of the test script and accepted exactly that head.
 */
@SpringBootTest(
        properties = {
            "bosun.engineers=1",
            "bosun.turn-timeout=20s",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
class ProtectedPathsIntegrationTest extends LifecycleTestSupport {

    @Test
    void anAgentThatReplacesTheTestScriptIsEscalatedAndMergedOnlyWithAHumansApproval() {
        String trunkBefore = repository.git("rev-parse", "main");
        String id = start(
                "Make the red test pass",
                script(
                        "write hopeless.txt <<EOF",
                        "BROKEN for good",
                        "EOF",
                        "write test.sh <<EOF",
                        "exit 0",
                        "EOF",
                        "commit make the tests pass"));

        TaskSummary task = awaitStatus(id, "escalated");
        Task escalation = escalation(id);
        assertThat(userTasks
                        .getVariable(escalation.getId(), ProcessVariables.FAILURE_REASON)
                        .toString())
                .startsWith("touches protected paths: test.sh");
        assertThat(userTasks
                        .getVariable(escalation.getId(), ProcessVariables.LAST_OUTPUT)
                        .toString())
                .contains("diff --git a/test.sh b/test.sh", "+exit 0")
                .doesNotContain("hopeless.txt");
        assertThat(count(id, ProcessIds.BOUNDARY_PROTECTED_PATHS)).isEqualTo(1);
        assertThat(repository.git("rev-parse", "main")).as("trunk unchanged").isEqualTo(trunkBefore);
        assertThat(repository.git("show", "main:test.sh")).isEqualTo(TestRepository.TEST_SCRIPT.strip());
        assertThat(task.mergedCommit()).isNull();

        userTasks.complete(escalation.getId(), Map.of(ProcessVariables.DECISION, "merge"));

        TaskSummary merged = awaitStatus(id, "merged");
        assertThat(repository.git("rev-parse", "main")).isEqualTo(merged.mergedCommit());
        assertThat(repository.git("log", "-1", "--format=%B", "main"))
                .contains("Bosun-Task: " + id, "Bosun-Tests: passed", "Bosun-Approved: protected paths");
        assertThat(repository.git("show", "main:test.sh")).isEqualTo("exit 0");
        assertThat(values(id, ProcessVariables.FORCED_MERGE)).doesNotContain("true");
    }
}
