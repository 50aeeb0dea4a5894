package dev.bosun.agent;

import static dev.bosun.agent.AgentTestSupport.request;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.events.LogRotation;
import dev.bosun.security.ProcessMarker;
import dev.bosun.security.RedactingOutputStream;
import dev.bosun.support.Processes;
import dev.bosun.team.AgentKind;

/** Real processes in real PTYs. */
class CommandAgentTest {

    @TempDir
    Path work;

    @TempDir
    Path logs;

    private TurnResult run(List<String> template, String prompt, Duration timeout) {
        return new CommandAgent(template).run(request(work, logs.resolve("eng-1.log"), 1, prompt, timeout, Map.of()));
    }

    @Test
    void promptIsOneArgumentWithSpacesAndQuotesIntact() throws Exception {
        String prompt = "fix the \"greeting\" in 'a b'  & echo $HOME; `ls` \\ done";
        TurnResult result = run(
                List.of("sh", "-c", "printf '%s' \"$1\" > out.txt; printf '%s' \"$#\" > count.txt", "sh", "{prompt}"),
                prompt,
                Duration.ofSeconds(20));

        assertThat(result.succeeded()).isTrue();
        assertThat(Files.readString(work.resolve("out.txt"))).isEqualTo(prompt);
        assertThat(Files.readString(work.resolve("count.txt"))).isEqualTo("1");
    }

    @Test
    void theAgentsPwdIsItsWorkingDirectory() {
        // printenv, not a shell: a shell would correct a wrong PWD itself, opencode does not
        assertThat(run(List.of("printenv", "PWD"), "unused", Duration.ofSeconds(20))
                        .outputTail())
                .contains(work.toAbsolutePath().normalize().toString());
    }

    @Test
    void placeholderElementBecomesThePromptAndNothingElseIsTouched() {
        assertThat(new CommandAgent(List.of("agent", "--print", "{prompt}", "--x", "{prompt}")).argv("a {prompt} $b"))
                .containsExactly("agent", "--print", "a {prompt} $b", "--x", "a {prompt} $b");
    }

    @Test
    void aResumingKindAppendsTheSessionOnlyWhenThereIsOneAndReadsTheNewOneFromItsOutput() {
        CommandAgent claude = new CommandAgent(
                AgentCommands.template(AgentKind.CLAUDE, null), AgentCommands.resume(AgentKind.CLAUDE));
        assertThat(claude.argv("p")).doesNotContain("--resume");
        assertThat(claude.argv("-p like text", "abc-123-def"))
                .endsWith("--resume", "abc-123-def", "--", "-p like text");

        // a real PTY turn whose output is a Claude-style JSON result
        CommandAgent printing =
                new CommandAgent(List.of("printf", "%s\\n", "{prompt}"), AgentCommands.resume(AgentKind.CLAUDE));
        TurnResult result = printing.run(new TurnRequest(
                "eng-1",
                "T-1",
                2,
                work,
                "{\"type\":\"result\",\"session_id\": \"8b12e2ce-1416-4ee8\"}",
                Duration.ofSeconds(20),
                logs.resolve("eng-1.log"),
                Map.of(),
                "old-session-1"));
        assertThat(result.sessionId()).isEqualTo("8b12e2ce-1416-4ee8");
        assertThat(new CommandAgent(List.of("true"))
                        .run(request(work, logs.resolve("eng-1.log"), 1, "x", Duration.ofSeconds(20), Map.of()))
                        .sessionId())
                .isNull();
    }

    @Test
    void placeholderInsideALongerElementIsRejectedNamingThePropertyAndTheElement() {
        assertThatThrownBy(() -> new CommandAgent(List.of("sh", "-c", "run {prompt}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bosun.agent.command")
                .hasMessageContaining("'run {prompt}'")
                .hasMessageContaining("own element");
        assertThatThrownBy(() -> new CommandAgent(List.of("agent", "--prompt=run {prompt}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'--prompt=run {prompt}'");
        assertThatThrownBy(() -> new CommandAgent(List.of("agent", "-p{prompt}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOptionWhoseWholeValueIsThePromptTakesItAfterTheEqualsSign() {
        assertThat(new CommandAgent(List.of("agent", "--prompt={prompt}", "--x", "{prompt}"))
                        .argv("---\nrole: x {prompt}"))
                .containsExactly("agent", "--prompt=---\nrole: x {prompt}", "--x", "---\nrole: x {prompt}");
    }

    @Test
    void outputTailHasNoCrOrAnsiAndTheLogHasEverything() throws Exception {
        TurnResult result = run(
                List.of(
                        "sh",
                        "-c",
                        "printf '\\033[1;31mred\\033[0m text\\n'; echo to-stderr >&2; echo \"TERM=$TERM\"; exit 4"),
                "unused",
                Duration.ofSeconds(20));

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.outputTail()).containsExactly("red text", "to-stderr", "TERM=xterm-256color");
        String log = Files.readString(logs.resolve("eng-1.log"));
        assertThat(log)
                .contains(
                        "=== turn of task T-1, attempt 1 ",
                        " sh ===",
                        "\u001B[1;31mred",
                        "to-stderr\r\n",
                        "=== end turn of task T-1, attempt 1: exit code 4 after ");
    }

    @Test
    void tailKeepsTheLast50Lines() {
        TurnResult result = run(
                List.of("sh", "-c", "i=1; while [ $i -le 120 ]; do echo line $i; i=$((i+1)); done"),
                "",
                Duration.ofSeconds(20));
        assertThat(result.outputTail()).hasSize(50).startsWith("line 71").endsWith("line 120");
    }

    @Test
    void hangingCommandIsKilledAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        TurnResult result = run(List.of("sleep", "60"), "", Duration.ofMillis(800));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(Files.readString(logs.resolve("eng-1.log"))).contains("killed after timeout PT0.8S");
    }

    @Test
    void timeoutKillsChildrenToo() throws Exception {
        TurnResult result = run(
                List.of(
                        "sh",
                        "-c",
                        "sleep 60 & echo $! > child.pid; setsid sleep 60 & echo $! > escaped.pid; "
                                + "setsid -f sh -c 'echo $$ > daemon.pid; exec sleep 60' >/dev/null 2>&1; "
                                + "until [ -s daemon.pid ]; do sleep 0.1; done; echo started; sleep 60"),
                "",
                Duration.ofSeconds(4));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.outputTail()).contains("started");
        Processes.awaitGone(work.resolve("child.pid"), "child in the agent's process group");
        Processes.awaitGone(work.resolve("escaped.pid"), "child in a session of its own");
        Processes.awaitGone(work.resolve("daemon.pid"), "re-parented daemon, no longer a descendant");
    }

    @Test
    void interruptKillsTheAgentAndThrowsInsteadOfReportingATimeout() throws Exception {
        Path pidFile = work.resolve("agent.pid");
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
        Thread turn = new Thread(
                () -> {
                    try {
                        TurnResult result = run(
                                List.of("sh", "-c", "echo $$ > agent.pid; exec sleep 60"), "", Duration.ofSeconds(60));
                        thrown.complete(new AssertionError("returned " + result));
                    } catch (Throwable e) {
                        thrown.complete(e);
                    } finally {
                        flagKept.complete(Thread.currentThread().isInterrupted());
                    }
                },
                "turn-under-test");
        turn.start();
        Processes.awaitPid(pidFile); // the agent started

        long start = System.nanoTime();
        turn.interrupt();

        assertThat(thrown.get(30, TimeUnit.SECONDS))
                .isInstanceOf(TurnInterruptedException.class)
                .hasMessageContaining("eng-1")
                .hasMessageContaining("T-1");
        assertThat(flagKept.get(5, TimeUnit.SECONDS))
                .as("interrupt flag restored")
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        Processes.awaitGone(pidFile, "sleep 60");
        assertThat(Files.readString(logs.resolve("eng-1.log")))
                .contains("=== end turn of task T-1, attempt 1: interrupted because Bosun stopped")
                .doesNotContain("timeout");
    }

    @Test
    void backgroundJobLeftAfterANormalExitDoesNotHangTheTurn() throws Exception {
        long start = System.nanoTime();
        TurnResult result =
                run(List.of("sh", "-c", "sleep 60 & echo $! > child.pid; echo bye"), "", Duration.ofSeconds(30));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(result.outputTail()).contains("bye");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        Processes.awaitGone(work.resolve("child.pid"), "the background job");
    }

    @Test
    void aSetsidLoopAndADoubleForkedDaemonAreGoneWhenTheTurnReturns() throws Exception {
        // The loop keeps the terminal open (a new session, same stdio); the daemon forks twice
        // (setsid -f), leaves the terminal and is re-parented to init: no group kill reaches either.
        TurnResult result = run(
                List.of(
                        "sh",
                        "-c",
                        "printf '%s' \"$BOSUN_TURN\" > marker.txt; "
                                + "setsid sh -c 'echo $$ > loop.pid; while true; do sleep 1; done' & "
                                + "setsid -f sh -c 'echo $$ > daemon.pid; exec >/dev/null 2>&1 </dev/null; while true; do sleep 1; done'; "
                                + "until [ -s loop.pid ] && [ -s daemon.pid ]; do sleep 0.1; done; echo started"),
                "",
                Duration.ofSeconds(60));

        assertThat(result.exitCode()).isZero();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.outputTail()).contains("started");
        String marker = Files.readString(work.resolve("marker.txt"));
        assertThat(marker).as("the turn's mark").isNotBlank();
        assertThat(new ProcessMarker(ProcessMarker.TURN, marker).carriers())
                .as("processes still marked")
                .isEmpty();
        Processes.awaitGone(work.resolve("loop.pid"), "setsid loop");
        Processes.awaitGone(work.resolve("daemon.pid"), "setsid -f daemon");
    }

    @Test
    void aRoleCannotReplaceTheTurnsMark() throws Exception {
        TurnResult result = new CommandAgent(List.of("printenv", "BOSUN_TURN"))
                .run(request(
                        work,
                        logs.resolve("eng-1.log"),
                        1,
                        "unused",
                        Duration.ofSeconds(20),
                        Map.of("BOSUN_TURN", "chosen-by-the-role")));
        assertThat(result.outputTail()).hasSize(1).doesNotContain("chosen-by-the-role");
    }

    @Test
    void knownSecretsNeverReachTheTerminalLogEvenWhenSplitAcrossWrites() throws Exception {
        CommandAgent agent = new CommandAgent(
                List.of("sh", "-c", "printf 'token: s3cr'; sleep 0.3; printf 'et-value-42 done\\n'; echo plain"),
                null,
                out -> new RedactingOutputStream(out, List.of("s3cret-value-42")),
                LogRotation.off());
        TurnResult result =
                agent.run(request(work, logs.resolve("eng-1.log"), 1, "x", Duration.ofSeconds(20), Map.of()));

        assertThat(result.exitCode()).isZero();
        String log = Files.readString(logs.resolve("eng-1.log"));
        assertThat(log)
                .contains("token: [redacted] done", "plain", "=== end turn of task T-1, attempt 1: exit code 0")
                .doesNotContain("s3cret-value-42");
    }

    /** The agent cannot be run (escalated to a person), not Bosun failing (an incident): the path says where it looked. */
    @Test
    void missingBinaryThrowsNamingItTheDirectoryAndThePath() {
        assertThatThrownBy(() -> run(List.of("no-such-agent-bosun", "{prompt}"), "hi", Duration.ofSeconds(5)))
                .isInstanceOf(AgentStartException.class)
                .hasMessageContaining("no-such-agent-bosun")
                .hasMessageContaining(work.toString())
                .hasMessageContaining("on the PATH the turn gets (")
                .hasMessageContaining(System.getenv("PATH"))
                .satisfies(e ->
                        assertThat(((AgentStartException) e).agentUnstartable()).isTrue());
        assertThatThrownBy(() -> run(List.of("./bin/agent"), "hi", Duration.ofSeconds(5)))
                .isInstanceOf(AgentStartException.class)
                .hasMessageContaining("./bin/agent")
                .hasMessageContaining(work.toString());
    }

    /** The done-when of issue 10: 60,000 × '中' is 180,000 bytes, more than Linux lets one argument hold. */
    static final String WIDE_BODY = "中".repeat(60_000);

    static String bigPrompt() {
        return "You are eng-1.\n\n---\n\nTask: wide\n\n" + WIDE_BODY + "\n\nCommit when done.\n";
    }

    @Test
    void aPromptTooLongForAnArgumentReachesTheAgentByteForByteThroughPromptFile() throws Exception {
        Path received = logs.resolve("received.md");
        TurnResult result = run(
                List.of("sh", "-c", "cat \"$1\" > \"$2\"", "sh", "{prompt_file}", received.toString()),
                bigPrompt(),
                Duration.ofSeconds(30));

        assertThat(result.succeeded()).as("tail: %s", result.outputTail()).isTrue();
        byte[] bytes = Files.readAllBytes(received);
        assertThat(bytes.length).isGreaterThan(180_000);
        assertThat(bytes).isEqualTo(bigPrompt().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAgentFindsThePromptFileInBosunPromptFileOutsideItsWorktree() throws Exception {
        Path received = logs.resolve("received.md");
        TurnResult result = run(
                List.of(
                        "sh",
                        "-c",
                        "cat \"$BOSUN_PROMPT_FILE\" > \"$1\"; printf 'at %s\\n' \"$BOSUN_PROMPT_FILE\"",
                        "sh",
                        received.toString()),
                bigPrompt(),
                Duration.ofSeconds(30));

        assertThat(result.succeeded()).as("tail: %s", result.outputTail()).isTrue();
        assertThat(Files.readAllBytes(received)).isEqualTo(bigPrompt().getBytes(StandardCharsets.UTF_8));
        Path promptFile = logs.resolve("eng-1.prompt.md").toAbsolutePath().normalize();
        assertThat(result.outputTail()).contains("at " + promptFile);
        assertThat(promptFile.startsWith(work.toAbsolutePath().normalize())).isFalse();
    }

    @Test
    void anOptionCanTakeThePromptFilesPath() {
        Path file = logs.resolve("eng-1.prompt.md");
        assertThat(new CommandAgent(List.of("agent", "--in={prompt_file}", "{prompt_file}")).argv("p", null, file))
                .containsExactly("agent", "--in=" + file, file.toString());
        assertThatThrownBy(() -> new CommandAgent(List.of("sh", "-c", "cat {prompt_file}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cat {prompt_file}'")
                .hasMessageContaining("own element");
    }

    @Test
    void aPromptArgumentOverTheLimitIsRefusedBeforeAnythingRunsNamingSizeLimitAndFix() {
        for (List<String> template : List.of(
                List.of("sh", "-c", "touch ran", "sh", "{prompt}"),
                List.of("sh", "-c", "touch ran", "sh", "--prompt={prompt}"))) {
            assertThatThrownBy(() -> run(template, bigPrompt(), Duration.ofSeconds(20)))
                    .isInstanceOf(AgentStartException.class)
                    .hasMessageContaining("the prompt of this turn is "
                            + bigPrompt().getBytes(StandardCharsets.UTF_8).length + " bytes")
                    .hasMessageContaining("limit of " + CommandAgent.MAX_ARGUMENT_BYTES + " bytes")
                    .hasMessageContaining("{prompt_file}")
                    .hasMessageContaining("$BOSUN_PROMPT_FILE");
        }
        assertThat(work.resolve("ran")).doesNotExist();
        assertThat(logs.resolve("eng-1.log")).as("no turn started").doesNotExist();
        assertThatThrownBy(() -> run(List.of("sh", "{prompt}"), bigPrompt(), Duration.ofSeconds(20)))
                .as("a prompt Bosun built too long is Bosun's problem, not the agent's")
                .satisfies(e ->
                        assertThat(((AgentStartException) e).agentUnstartable()).isFalse());
    }

    @Test
    void aPromptArgumentAtTheLimitIsPassedWhole() throws Exception {
        // 33,333 × 3 bytes + 1 = the limit exactly; more than 60,000 characters would have been refused before
        String prompt = "中".repeat(33_333) + "!";
        assertThat(prompt.getBytes(StandardCharsets.UTF_8)).hasSize(CommandAgent.MAX_ARGUMENT_BYTES);
        TurnResult result = run(
                List.of("sh", "-c", "printf '%s' \"$1\" > out.txt", "sh", "{prompt}"), prompt, Duration.ofSeconds(20));

        assertThat(result.succeeded()).as("tail: %s", result.outputTail()).isTrue();
        assertThat(Files.readAllBytes(work.resolve("out.txt"))).isEqualTo(prompt.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyTemplateIsRejectedNamingTheProperty() {
        assertThatThrownBy(() -> new CommandAgent(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bosun.agent.command");
    }
}
