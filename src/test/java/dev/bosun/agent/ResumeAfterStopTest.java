package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;

/**
 * A turn cut short by a stop (the interrupt Bosun's workers get) continues its conversation when
 * the engine runs the same attempt again: a real PTY and a small command agent that names a
 * session as a CLI does, records the arguments it was given, and keeps working until it is killed
 * on its first run.
 */
class ResumeAfterStopTest {

    private static final String AGENT = """
            state="$1"
            printf '%s\\n' "$*" >> "$state/argv"
            printf '%s\n' "$(head -n 1 "$2")" >> "$state/prompts"
            echo "session: sess-41"
            if [ ! -e "$state/first-run" ]; then
              touch "$state/first-run"
              exec sleep 120
            fi
            echo "carried on"
            """;

    @TempDir
    Path home;

    private Path state;
    private Path logs;
    private Path work;
    private CommandAgent agent;

    @BeforeEach
    void agent() throws Exception {
        state = Files.createDirectories(home.resolve("state"));
        logs = Files.createDirectories(home.resolve("repo/.bosun/logs"));
        work = Files.createDirectories(home.resolve("repo/.bosun/worktrees/eng-1"));
        Path script = home.resolve("agent.sh");
        Files.writeString(script, AGENT);
        agent = new CommandAgent(
                List.of("sh", script.toString(), state.toString(), CommandAgent.FILE_PLACEHOLDER),
                new CommandAgent.Resume(List.of("--resume", "{session}"), Pattern.compile("session: (\\S+)")));
    }

    @Test
    void theSameAttemptAfterAStopResumesTheSessionAndIsToldSo() throws Exception {
        interruptedTurn(request(1));
        assertThat(Files.readString(logs.resolve("eng-1.session")))
                .as("the session is kept for the attempt that was cut short")
                .isEqualTo("task=T-7\nattempt=1\nsession=sess-41\n");

        TurnResult again = agent.run(request(1));

        assertThat(again.exitCode()).isZero();
        assertThat(again.outputTail()).contains("carried on");
        List<String> argv = lines("argv");
        assertThat(argv.get(0)).as("the first turn starts fresh").doesNotContain("--resume");
        assertThat(argv.get(1)).as("the second turn resumes the session").endsWith(" --resume sess-41");
        assertThat(lines("prompts").get(1))
                .startsWith("Note from Bosun: your previous turn on task T-7 (attempt 1) was interrupted");
        assertThat(Files.readString(logs.resolve("eng-1.prompt.md"), StandardCharsets.UTF_8))
                .endsWith("Fix the parser.");
        assertThat(logs.resolve("eng-1.session"))
                .as("a turn that ended leaves nothing to resume")
                .doesNotExist();
    }

    /** The resumed turn is still the supervised turn: its stall check must reach its process. */
    @Test
    void theResumedTurnKeepsItsSupervisorsHandle() throws Exception {
        interruptedTurn(request(1));
        TurnControl control = new TurnControl(java.time.Clock.systemUTC(), logs.resolve("eng-1.log"));

        TurnRequest resumed = SessionFile.resumeIfInterrupted(request(1).withControl(control));

        assertThat(resumed.resumeSession()).isEqualTo("sess-41");
        assertThat(resumed.control()).isSameAs(control);
    }

    @Test
    void anotherAttemptStartsFresh() throws Exception {
        interruptedTurn(request(1));

        agent.run(request(2));

        assertThat(lines("argv").get(1)).doesNotContain("--resume");
        assertThat(lines("prompts").get(1)).isEqualTo("Fix the parser.");
    }

    private void interruptedTurn(TurnRequest request) throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread turn = new Thread(
                () -> {
                    try {
                        thrown.complete(new AssertionError("returned " + agent.run(request)));
                    } catch (Throwable e) {
                        thrown.complete(e);
                    }
                },
                "turn-to-stop");
        turn.start();
        Await.until(
                "the agent to name its session",
                Duration.ofSeconds(30),
                () -> Files.exists(logs.resolve("eng-1.session")),
                kept -> kept);
        turn.interrupt();
        assertThatThrownBy(() -> {
                    throw thrown.get(30, TimeUnit.SECONDS);
                })
                .isInstanceOf(TurnInterruptedException.class);
    }

    private TurnRequest request(int attempt) {
        return new TurnRequest(
                "eng-1",
                "T-7",
                attempt,
                work,
                "Fix the parser.",
                Duration.ofSeconds(60),
                logs.resolve("eng-1.log"),
                Map.of());
    }

    private List<String> lines(String file) throws Exception {
        return Files.readAllLines(state.resolve(file), StandardCharsets.UTF_8);
    }
}
