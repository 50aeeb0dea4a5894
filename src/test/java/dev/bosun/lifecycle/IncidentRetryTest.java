package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskSummary;
import dev.bosun.process.ProcessIds;
import dev.bosun.support.Await;
import dev.bosun.support.UninstalledAfterStart;

/**
 * A task stuck on a failure of Bosun's setup (the agent's binary is missing) shows {@code incident}
 * with the message wherever a status shows, and continues with {@code bosun task retry} once the
 * binary is there.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.agent.kind=command", "bosun.engineers=1", "bosun.worker.poll-interval=100ms"})
class IncidentRetryTest extends LifecycleTestSupport {

    @LocalServerPort
    int port;

    /** There at start-up (the server refuses to start without it), then uninstalled until the test installs it again. */
    @DynamicPropertySource
    static void agentUninstalledAfterStart(DynamicPropertyRegistry registry) {
        registry.add("bosun.agent.command", () -> UninstalledAfterStart.install(agent()) + ",{prompt}");
    }

    private static Path agent() {
        return home.resolve("later/bin/agent-installed-later");
    }

    @Test
    void aMissingAgentIsAnIncidentEverywhereAndTaskRetryContinuesTheTaskOnceItIsInstalled() throws IOException {
        UninstalledAfterStart.uninstall(agent());
        String id = start("Stuck", "commit fixed.txt");

        TaskSummary stuck = awaitStatus(id, "incident");
        assertThat(stuck.reason()).startsWith(ProcessIds.TASK_CODE_TURN + ": ").contains("agent-installed-later");
        assertThat(cli(0, "status")).contains("incident");
        assertThat(cli(0, "task", "list", "--status", "incident")).contains("#" + id + " Stuck");
        Await.until(
                "the board to show the incident",
                PATIENCE,
                this::board,
                board -> board.contains("## INCIDENT\n- [ ] #" + id + " Stuck (eng-1, attempt 1/3) incident: "
                        + ProcessIds.TASK_CODE_TURN + ": "));

        Files.createDirectories(agent().getParent());
        Files.writeString(agent(), "#!/bin/sh\necho fixed > fixed.txt && git add fixed.txt && git commit -qm fixed\n");
        Files.setPosixFilePermissions(agent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(cli(0, "task", "retry", id)).contains("task " + id + ": its failed step runs again");

        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:fixed.txt")).isEqualTo("fixed");
        assertThat(cli(1, "task", "retry", id)).contains("task " + id + " is finished");
    }

    private String cli(int expectedExit, String... args) {
        return cli(port, expectedExit, args);
    }
}
