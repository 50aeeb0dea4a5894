package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.BosunServer;
import dev.bosun.support.MarkerFiles;
import dev.bosun.support.TestRepository;

/**
 * Bosun is killed with SIGKILL while a task's tests run, then started again on the same H2 file:
 * the task continues from its test step (no second code turn) and is merged exactly once.
 */
class CrashRecoveryTest {

    @TempDir
    Path home;

    @Test
    void aKilledServerResumesTheTaskAndMergesItOnce() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        int port = BosunServer.freePort();
        BosunServer first = start(repository, port, "first");
        // The tests run until this file exists, created once the first server is dead: the kill
        // finds them running however slow the machine is (a fixed 8 s test could end unseen).
        Path testsMayFinish = home.resolve("tests-may-finish");
        String id = first.createTask("Survive a crash", """
                Held tests: test.sh runs until the file hold.txt names exists.

                ```bosun-script
                write hold.txt <<EOF
                %s
                EOF
                write crash.txt <<EOF
                survived
                EOF
                commit held tests
                ```
                """.formatted(testsMayFinish));
        first.awaitStatus(id, "testing");
        first.kill();
        MarkerFiles.create(testsMayFinish);

        try (BosunServer second = start(repository, port, "second")) {
            Map<?, ?> task = second.awaitStatus(id, "merged");

            String trunkLog = repository.git("log", "--format=%B", "main");
            assertThat(trunkLog.split("Bosun-Task: " + id + "\n", -1))
                    .as("merged exactly once")
                    .hasSize(2);
            assertThat(repository.git("show", "main:crash.txt")).isEqualTo("survived");
            Map<?, ?> details = second.get("/api/tasks/" + id);
            List<?> steps = (List<?>) details.get("history");
            assertThat(steps.stream()
                            .filter(s -> "Task_CodeTurn".equals(((Map<?, ?>) s).get("activityId")))
                            .count())
                    .as("the code turn is not repeated after the restart")
                    .isEqualTo(1);
            assertThat(((Map<?, ?>) details.get("task")).get("mergedCommit")).isEqualTo(task.get("mergedCommit"));
            assertThat(second.get("/engine-rest/process-definition/key/task-lifecycle")
                            .get("version"))
                    .as("an unchanged BPMN file is not deployed again on restart")
                    .isEqualTo(1);
            String agentLog =
                    Files.readString(repository.root().resolve(".bosun/logs/" + task.get("assignee") + ".log"));
            assertThat(agentLog.lines()
                            .filter(line -> line.startsWith("=== turn "))
                            .count())
                    .as("one agent turn in the terminal log:%n%s", agentLog)
                    .isEqualTo(1);
        }
    }

    private BosunServer start(TestRepository repository, int port, String name) throws IOException {
        return BosunServer.startThisBuild(
                port,
                repository,
                List.of("--bosun.engineers=1", "--bosun.worker.poll-interval=100ms", "--bosun.worker.lock-duration=3s"),
                home.resolve("server-" + name + ".log"));
    }
}
