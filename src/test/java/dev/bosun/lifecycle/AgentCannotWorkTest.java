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

import dev.bosun.process.ProcessIds;
import dev.bosun.support.UninstalledAfterStart;

/**
 * An agent that cannot work escalates at once with its own words instead of burning every retry
 * and ending with "no commits": one that fails the same way twice (a CLI refusing to run, say), and
 * one whose binary is gone when its turn comes. A human's retry continues once it is fixed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.agent.kind=command", "bosun.engineers=1", "bosun.worker.poll-interval=100ms"})
class AgentCannotWorkTest extends LifecycleTestSupport {

    private static final String REFUSAL = "error: this agent refuses to run here (process ";

    @LocalServerPort
    int port;

    /** There at start-up (the server refuses to start without it); each test installs what it needs. */
    @DynamicPropertySource
    static void agentCommand(DynamicPropertyRegistry registry) {
        registry.add("bosun.agent.command", () -> UninstalledAfterStart.install(agent()) + ",{prompt}");
    }

    private static Path agent() {
        return home.resolve("later/bin/agent-x");
    }

    private static Path refuseMarker() {
        return home.resolve("refuse");
    }

    @Test
    void anAgentThatFailsTheSameWayTwiceEscalatesAfterTwoTurnsWithItsOwnLastLines() throws IOException {
        install();
        Files.writeString(refuseMarker(), "yes");
        String id = start("Refused", "commit refused.txt");

        awaitStatus(id, "escalated");

        assertThat(count(id, ProcessIds.TASK_CODE_TURN)).isEqualTo(2);
        assertThat(count(id, ProcessIds.BOUNDARY_AGENT_CANNOT_WORK)).isEqualTo(1);
        assertThat(tasks.find(id).orElseThrow().failureReason())
                .startsWith("The agent cannot work here")
                .contains(REFUSAL)
                .doesNotContain("No commits ahead");

        Files.delete(refuseMarker());
        cli(port, 0, "decide", id, "retry", "--guidance", "fixed the setup");
        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:done-" + id + ".txt")).isEqualTo("done");
    }

    @Test
    void aBinaryGoneWhenItsTurnComesEscalatesNamingItAndARetryContinuesOnceItIsBack() throws IOException {
        Files.deleteIfExists(refuseMarker());
        Files.deleteIfExists(agent());
        String id = start("Uninstalled", "commit done.txt");

        awaitStatus(id, "escalated");

        assertThat(tasks.find(id).orElseThrow().failureReason())
                .contains("cannot start agent '" + agent() + "'", "not found or not executable");
        assertThat(count(id, ProcessIds.TASK_CODE_TURN)).isEqualTo(1);
        assertThat(cli(port, 0, "status")).doesNotContain("incident");

        install();
        cli(port, 0, "decide", id, "retry", "--guidance", "installed it again");
        awaitStatus(id, "merged");
    }

    /**
     * The agent: refuses (exit 1, a pid that differs every run) while the marker file exists, else
     * commits a file named after its task.
     */
    private static void install() throws IOException {
        Files.createDirectories(agent().getParent());
        Files.writeString(
                agent(),
                "#!/bin/sh\n"
                        + "if [ -e '" + refuseMarker() + "' ]; then echo 'starting'; echo \"" + REFUSAL
                        + "$$)\"; exit 1; fi\n"
                        + "echo done > \"done-$BOSUN_TASK.txt\" && git add . && git commit -qm done\n");
        Files.setPosixFilePermissions(agent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
