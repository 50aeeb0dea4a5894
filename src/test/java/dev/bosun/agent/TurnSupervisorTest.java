package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.events.EventLog;
import dev.bosun.support.Await;
import dev.bosun.support.MarkerFiles;
import dev.bosun.support.TestTimeouts;

/**
 * What counts as life, in real PTYs: an agent that prints nothing but works the CPU is working; one
 * that waits on nothing is nudged (the line reaches its terminal), then cut. The nudge's echo in the
 * terminal is not taken for an answer.
 */
class TurnSupervisorTest {

    /** Fixed, not scaled: it is the behaviour under test, and the test decides when to look. */
    private static final Duration STALL = Duration.ofSeconds(2);

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aSilentAgentUsingTheCpuIsWorkingAndAnIdleOneIsNudgedThenCut() throws Exception {
        MemberActivity activity = new MemberActivity();
        TurnSupervisor supervisor = new TurnSupervisor(
                activity, new EventLog(dir.resolve("events.jsonl"), 1_000_000), STALL, Clock.systemUTC());
        AgentTurn agents = new MemberAgents(
                Map.of(
                        "busy",
                        new CommandAgent(List.of("sh", "-c", "until [ -e stop ]; do :; done", "sh", "{prompt}")),
                        "idle",
                        new CommandAgent(List.of(
                                "sh",
                                "-c",
                                "IFS= read -r line; printf '%s' \"$line\" > typed; sleep 600",
                                "sh",
                                "{prompt}"))),
                new ScriptAgent(),
                activity);
        CompletableFuture<TurnResult> busy = CompletableFuture.supplyAsync(() -> agents.run(turn("busy")));
        CompletableFuture<TurnResult> idle = CompletableFuture.supplyAsync(() -> agents.run(turn("idle")));
        Await.until("both turns running", PATIENCE, activity::membersInTurn, in -> in.size() == 2);

        Thread.sleep(STALL.multipliedBy(2).toMillis()); // the silence under test, not synchronisation

        assertThat(supervisor.check("busy", "T-busy", 0, 1)).isEqualTo(TurnSupervisor.Action.WORKING);
        assertThat(supervisor.check("idle", "T-idle", 0, 1)).isEqualTo(TurnSupervisor.Action.NUDGED);
        Await.until(
                "the nudge typed into its terminal",
                PATIENCE,
                () -> read(dir.resolve("idle/typed")),
                typed -> typed.equals(TurnSupervisor.NUDGE_TEXT));
        Thread.sleep(STALL.toMillis()); // only the echo of the nudge since
        assertThat(supervisor.check("idle", "T-idle", 0, 1)).isEqualTo(TurnSupervisor.Action.RESTARTED);
        TurnResult cut = idle.get();
        assertThat(cut.cut()).isEqualTo(TurnControl.Cut.RESTART);
        assertThat(supervisor.check("idle", "T-idle", 1, 1))
                .as("no turn any more")
                .isEqualTo(TurnSupervisor.Action.NOT_HERE);

        MarkerFiles.create(dir.resolve("busy/stop"));
        assertThat(busy.get().cut()).isEqualTo(TurnControl.Cut.NONE);
        assertThat(busy.get().exitCode()).isZero();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TurnRequest turn(String member) {
        try {
            Path work = Files.createDirectories(dir.resolve(member));
            return new TurnRequest(
                    member,
                    "T-" + member,
                    1,
                    work,
                    "go",
                    TestTimeouts.scaled(Duration.ofSeconds(120)),
                    dir.resolve(member + ".log"),
                    Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
