package dev.bosun.agent;

import static dev.bosun.agent.AgentTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.events.LogRotation;
import dev.bosun.security.RedactingOutputStream;

/** A real agent turn in a real PTY, noisier than the terminal log may grow. */
class TerminalLogRotationTest {

    private static final int LIMIT = 4096;
    /** The most one write can put past the limit: the PTY reader's buffer. */
    private static final int ONE_WRITE = 8192;

    @TempDir
    Path work;

    @TempDir
    Path logs;

    @Test
    void aNoisyTurnIsRotatedWhileItRunsAndNothingIsLostOrReordered() throws Exception {
        Path log = logs.resolve("eng-1.log");
        CommandAgent agent = new CommandAgent(
                List.of("seq", "1", "8000"), null, UnaryOperator.identity(), new LogRotation(LIMIT, Clock.systemUTC()));

        TurnResult result = agent.run(request(work, log, 1, "unused", Duration.ofSeconds(60), Map.of()));

        assertThat(result.exitCode()).isZero();
        List<Path> rotated = LogRotation.rotationsOf(log);
        assertThat(rotated).as("about 38 KB in files of 4 KB").hasSizeGreaterThan(3);
        List<Path> all = new ArrayList<>(rotated);
        all.add(log);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (Path file : all) {
            assertThat(Files.size(file)).as(file.toString()).isLessThan(LIMIT + ONE_WRITE);
            whole.writeBytes(Files.readAllBytes(file));
        }
        String text = whole.toString(StandardCharsets.UTF_8).replace("\r", "");
        String expected =
                IntStream.rangeClosed(1, 8000).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
        assertThat(text)
                .startsWith("\n=== turn of task T-1, attempt 1 ")
                .contains("\n" + expected + "\n")
                .endsWith(" ms ===\n");
        assertThat(Files.readString(log))
                .as("the footer is in the file there is now")
                .contains("=== end turn of task T-1");
    }

    @Test
    void aTurnThatFindsTheLogFullStartsANewOneAndSecretsAreStillReplaced() throws Exception {
        // The rotation sits under the redaction, so where a rotation falls never cuts a secret in two.
        Path log = logs.resolve("eng-1.log");
        Files.writeString(log, "x".repeat(LIMIT)); // full before the turn starts
        CommandAgent agent = new CommandAgent(
                List.of("sh", "-c", "printf 'token: s3cr'; sleep 0.3; printf 'et-value-42 done\\n'"),
                null,
                out -> new RedactingOutputStream(out, List.of("s3cret-value-42")),
                new LogRotation(LIMIT, Clock.systemUTC()));

        TurnResult result = agent.run(request(work, log, 1, "x", Duration.ofSeconds(20), Map.of()));

        assertThat(result.exitCode()).isZero();
        assertThat(LogRotation.rotationsOf(log)).hasSize(1);
        String now = Files.readString(log);
        assertThat(now).contains("=== turn of task T-1").doesNotContain("s3cr").contains("done");
        assertThat(Files.readString(LogRotation.rotationsOf(log).get(0))).isEqualTo("x".repeat(LIMIT));
    }

    @Test
    void zeroTurnsRotationOff() throws Exception {
        Path log = logs.resolve("eng-1.log");
        CommandAgent agent = new CommandAgent(
                List.of("seq", "1", "3000"), null, UnaryOperator.identity(), new LogRotation(0, Clock.systemUTC()));

        agent.run(request(work, log, 1, "unused", Duration.ofSeconds(60), Map.of()));

        assertThat(LogRotation.rotationsOf(log)).isEmpty();
        assertThat(Files.size(log)).isGreaterThan(LIMIT);
    }
}
