package dev.bosun.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.events.LogRotation;
import dev.bosun.security.ProcessMarker;
import dev.bosun.support.Processes;

class ProcessGroupTestRunnerTest {

    @TempDir
    Path dir;

    final ProcessGroupTestRunner runner = new ProcessGroupTestRunner();

    Path log() {
        return dir.resolve("logs/sub/eng-1-tests.log");
    }

    @Test
    void greenRun() throws IOException {
        TestResult result =
                runner.run(dir, List.of("sh", "-c", "echo hello; echo oops >&2"), Duration.ofSeconds(30), log());

        assertThat(result.green()).isTrue();
        assertThat(result.outputTail()).containsExactly("hello", "oops");
        String log = Files.readString(log());
        assertThat(log)
                .contains("[sh, -c, echo hello; echo oops >&2]")
                .contains("hello\noops\n")
                .contains("exit code 0");
    }

    @Test
    void redRunKeepsTheLastFiftyLines() throws IOException {
        Files.writeString(dir.resolve("test.sh"), "for i in $(seq 1 120); do echo line $i; done\nexit 3\n");

        TestResult result = runner.run(dir, List.of("sh", "test.sh"), Duration.ofSeconds(30), log());

        assertThat(result.green()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outputTail()).hasSize(TestResult.TAIL_LINES);
        assertThat(result.outputTail().get(0)).isEqualTo("line 71");
        assertThat(result.outputTail().get(49)).isEqualTo("line 120");
        assertThat(Files.readString(log())).contains("line 1\n").contains("exit code 3");
    }

    @Test
    void aLongTestRunRotatesItsLogAndKeepsEveryLineInOrder() throws IOException {
        ProcessGroupTestRunner rotating =
                new ProcessGroupTestRunner(Map.of(), text -> text, new LogRotation(2048, Clock.systemUTC()));

        TestResult result = rotating.run(dir, List.of("seq", "1", "6000"), Duration.ofSeconds(30), log());

        assertThat(result.green()).isTrue();
        List<Path> rotated = LogRotation.rotationsOf(log());
        assertThat(rotated).hasSizeGreaterThan(3);
        StringBuilder whole = new StringBuilder();
        for (Path file : rotated) {
            whole.append(Files.readString(file));
        }
        whole.append(Files.readString(log()));
        String expected =
                IntStream.rangeClosed(1, 6000).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
        assertThat(whole.toString()).contains("\n" + expected + "\n").contains("exit code 0");
    }

    @Test
    void timeoutKillsTheWholeProcessGroup() throws Exception {
        TestResult result = runner.run(
                dir, List.of("sh", "-c", "sleep 60 & echo $! > grandchild; sleep 60"), Duration.ofSeconds(1), log());

        assertThat(result.timedOut()).isTrue();
        assertThat(result.green()).isFalse();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
        assertThat(result.outputTail()).last().asString().contains("killed").contains("timeout");
        long grandchild =
                Long.parseLong(Files.readString(dir.resolve("grandchild")).strip());
        Processes.awaitGone(grandchild, "the grandchild");
        assertThat(Files.readString(log())).contains("killed after timeout");
    }

    @Test
    void missingCommandIsReportedNotThrown() {
        TestResult result = runner.run(dir, List.of("no-such-command-bosun", "x"), Duration.ofSeconds(5), log());
        assertThat(result.commandMissing()).isTrue();
        assertThat(result.green()).isFalse();
        assertThat(result.outputTail())
                .containsExactly("test command not found: no-such-command-bosun (searched PATH)");

        TestResult relative = runner.run(dir, List.of("./missing.sh"), Duration.ofSeconds(5), log());
        assertThat(relative.commandMissing()).isTrue();
        assertThat(relative.tailText()).contains("test command not found: ./missing.sh");
    }

    @Test
    void relativeExecutableRunsInTheDirectoryAndLogIsAppended() throws IOException {
        Path script = dir.resolve("run-tests");
        Files.writeString(script, "#!/bin/sh\npwd\n");
        script.toFile().setExecutable(true);

        TestResult first = runner.run(dir, List.of("./run-tests"), Duration.ofSeconds(30), log());
        runner.run(dir, List.of("./run-tests"), Duration.ofSeconds(30), log());

        assertThat(first.green()).isTrue();
        assertThat(first.outputTail()).containsExactly(dir.toRealPath().toString());
        assertThat(Files.readString(log()).lines().filter(l -> l.contains("test run in")))
                .hasSize(2);
    }

    @Test
    void anInterruptKillsTheWholeProcessGroupAndThrows() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                runner.run(
                        dir,
                        List.of("sh", "-c", "sleep 60 & echo $! > grandchild; sleep 60"),
                        Duration.ofMinutes(5),
                        log());
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        worker.start();
        Path grandchildFile = dir.resolve("grandchild");
        long grandchild = Processes.awaitPid(grandchildFile);

        worker.interrupt();
        worker.join(Duration.ofSeconds(20).toMillis());

        assertThat(worker.isAlive()).as("returned after the interrupt").isFalse();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted).as("interrupt status kept").isTrue();
        Processes.awaitGone(grandchild, "the grandchild");
    }

    @Test
    void aDaemonTheTestsLeaveInASessionOfItsOwnIsGoneWhenTheRunReturns() throws Exception {
        TestResult result = runner.run(
                dir,
                List.of(
                        "sh",
                        "-c",
                        "setsid -f sh -c 'echo $$ > daemon.pid; exec >/dev/null 2>&1; while true; do sleep 1; done'; "
                                + "setsid sh -c 'echo $$ > loop.pid; while true; do sleep 1; done' & "
                                + "until [ -s daemon.pid ] && [ -s loop.pid ]; do sleep 0.1; done; printf '%s' \"$BOSUN_TEST_RUN\" > mark; echo ok"),
                Duration.ofSeconds(60),
                log());

        assertThat(result.green()).isTrue();
        assertThat(result.duration())
                .as("no wait for the loop that holds the output")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(new ProcessMarker(ProcessMarker.TEST_RUN, Files.readString(dir.resolve("mark"))).carriers())
                .isEmpty();
        Processes.awaitGone(dir.resolve("daemon.pid"), "setsid -f daemon");
        Processes.awaitGone(dir.resolve("loop.pid"), "setsid loop");
    }

    @Test
    void theCommandGetsTheAgentsFilteredEnvironmentAndSecretsNeverReachTheLogOrTheTail() throws IOException {
        Map<String, String> bosun = Map.of(
                "PATH",
                System.getenv("PATH"),
                "HOME",
                "/home/dev",
                "SPRING_DATASOURCE_PASSWORD",
                "db-password-1",
                "BOSUN_ADMIN_PASSWORD",
                "admin-password-2",
                "BOSUN_API_TOKEN",
                "api-token-3",
                "CAMUNDA_BPM_ADMIN_USER_PASSWORD",
                "camunda-password-4",
                "SERVICE_TOKEN",
                "service-token-5");
        ProcessGroupTestRunner redacting =
                new ProcessGroupTestRunner(bosun, text -> text.replace("service-token-5", "[redacted]"));

        TestResult result = redacting.run(
                dir,
                List.of("sh", "-c", "env; echo \"the token is $SERVICE_TOKEN!\"; exit 1"),
                Duration.ofSeconds(30),
                log());

        String log = Files.readString(log());
        assertThat(result.tailText())
                .contains("HOME=/home/dev", "the token is [redacted]!", "SERVICE_TOKEN=[redacted]");
        assertThat(log).contains("HOME=/home/dev", "the token is [redacted]!");
        for (String text : List.of(log, result.tailText())) {
            assertThat(text)
                    .doesNotContain(
                            "db-password-1",
                            "admin-password-2",
                            "api-token-3",
                            "camunda-password-4",
                            "service-token-5",
                            "SPRING_DATASOURCE_PASSWORD",
                            "BOSUN_ADMIN_PASSWORD",
                            "BOSUN_API_TOKEN");
        }
    }
}
