package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.agent.TurnSupervisor;
import dev.bosun.process.ProcessIds;

/**
 * An agent that hangs without a sound (no output, no CPU) is nudged through its terminal, then
 * restarted, then given up: the task escalates as stalled. With a stall timeout of 2 s and one
 * restart, in a real PTY with the real engine's timer.
 */
@SpringBootTest(
        properties = {
            "bosun.agent.kind=command",
            "bosun.engineers=1",
            "bosun.worker.poll-interval=100ms",
            "bosun.stall-timeout=2s",
            "bosun.agent.stall-restarts=1",
            // The job executor backs off to a minute when idle; the stall timer must fire near its time.
            "camunda.bpm.job-execution.max-wait=1000",
            "camunda.bpm.job-execution.wait-time-in-millis=200"
        })
class StalledTurnTest extends LifecycleTestSupport {

    @DynamicPropertySource
    static void hangingAgent(DynamicPropertyRegistry registry) {
        registry.add("bosun.agent.command", () -> install() + ",{prompt}");
    }

    private static Path record(String name) {
        return home.resolve("hung/" + name);
    }

    /** Notes each start, writes every line typed into its terminal to a file, and otherwise waits forever in silence. */
    private static String install() {
        try {
            Path agent = home.resolve("hung/bin/hanging-agent");
            Files.createDirectories(agent.getParent());
            Files.writeString(
                    agent,
                    "#!/bin/sh\n"
                            + "echo start >> '" + record("starts") + "'\n"
                            + "while IFS= read -r line; do printf '%s\\n' \"$line\" >> '" + record("typed")
                            + "'; done\n"
                            + "sleep 100000\n");
            Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
            return agent.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSilentAgentIsNudgedThenRestartedThenEscalatedAsStalled() throws IOException {
        String id = start("Hangs", "do anything");

        awaitStatus(id, "escalated");

        assertThat(tasks.find(id).orElseThrow().failureReason()).startsWith("Stalled:");
        assertThat(Files.readAllLines(record("starts")))
                .as("the first run and one restart")
                .hasSize(2);
        assertThat(Files.readAllLines(record("typed")))
                .as("each run was nudged once through its terminal")
                .containsExactly(nudge(), nudge());
        assertThat(count(id, ProcessIds.END_MEMBER_NUDGED)).isEqualTo(2);
        assertThat(count(id, ProcessIds.END_TURN_RESTARTED)).isEqualTo(1);
        assertThat(count(id, ProcessIds.END_TURN_GIVEN_UP)).isEqualTo(1);
        assertThat(count(id, ProcessIds.BOUNDARY_AGENT_CANNOT_WORK)).isEqualTo(1);
        assertThat(count(id, ProcessIds.TASK_CODE_TURN))
                .as("a restart is the same turn run again")
                .isEqualTo(1);
        List<String> supervision = events(e -> id.equals(e.get("task"))).stream()
                .map(e -> (String) e.get("event"))
                .filter(List.of("member_nudged", "turn_restarted", "turn_stalled")::contains)
                .toList();
        assertThat(supervision).containsExactly("member_nudged", "turn_restarted", "member_nudged", "turn_stalled");
        assertThat(events(e -> id.equals(e.get("task")) && "turn_stalled".equals(e.get("event"))))
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry("member", "eng-1"));
    }

    private static String nudge() {
        return TurnSupervisor.NUDGE_TEXT;
    }
}
