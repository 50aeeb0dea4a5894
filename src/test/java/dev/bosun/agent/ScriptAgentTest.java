package dev.bosun.agent;

import static dev.bosun.agent.AgentTestSupport.GIT_IDENTITY;
import static dev.bosun.agent.AgentTestSupport.exec;
import static dev.bosun.agent.AgentTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in agent end to end: a separate JVM in a real PTY, working on a real git repository. */
class ScriptAgentTest {

    @TempDir
    Path repo;

    @TempDir
    Path logs;

    private final ScriptAgent agent = new ScriptAgent();

    @BeforeEach
    void initRepository() throws Exception {
        exec(repo, "git", "init", "-q", "-b", "main");
    }

    private TurnResult turn(int attempt, String... scriptLines) {
        String prompt = "You are eng-1. Make the greeting friendlier.\n\n```bosun-script\n"
                + String.join("\n", scriptLines) + "\n```\n";
        return agent.run(
                request(repo, logs.resolve("eng-1.log"), attempt, prompt, Duration.ofSeconds(60), GIT_IDENTITY));
    }

    @Test
    void writesAFileAndCommitsIt() throws Exception {
        TurnResult result = turn(1, "write greet.txt <<EOF", "hello, world", "EOF", "commit fix greeting");

        assertThat(result.succeeded()).as("tail: %s", result.outputTail()).isTrue();
        assertThat(exec(repo, "git", "log", "--format=%s|%an", "main")).isEqualTo("fix greeting|Test Agent\n");
        assertThat(exec(repo, "git", "show", "HEAD:greet.txt")).isEqualTo("hello, world\n");
        assertThat(result.outputTail())
                .contains("script agent: attempt 1, 2 steps", "wrote greet.txt")
                .anySatisfy(line -> assertThat(line).matches("committed [0-9a-f]{7,} fix greeting"));
        String log = Files.readString(logs.resolve("eng-1.log"));
        assertThat(log)
                .contains(
                        "=== turn of task T-1, attempt 1 ",
                        "wrote greet.txt",
                        "committed ",
                        "=== end turn of task T-1, attempt 1: exit code 0");
    }

    /** The script agent reads its prompt from the prompt file: 180,000 bytes of '中' arrive whole. */
    @Test
    void aPromptTooLongForAnArgumentReachesTheScriptAgentWhole() throws Exception {
        String wide = "中".repeat(60_000);
        TurnResult result = turn(1, "write wide.txt <<EOF", wide, "EOF", "commit wide text");

        assertThat(result.succeeded()).as("tail: %s", result.outputTail()).isTrue();
        assertThat(Files.readAllBytes(repo.resolve("wide.txt")))
                .isEqualTo((wide + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(logs.resolve("eng-1.prompt.md"))
                .content(StandardCharsets.UTF_8)
                .contains(wide);
    }

    @Test
    void secondAttemptRunsTheAttempt2Steps() throws Exception {
        TurnResult result = turn(
                2,
                "say shared",
                "attempt 1",
                "write first.txt <<EOF",
                "1",
                "EOF",
                "attempt 2",
                "write second.txt <<EOF",
                "2",
                "EOF",
                "commit second try");

        assertThat(result.succeeded()).as("tail: %s", result.outputTail()).isTrue();
        assertThat(repo.resolve("first.txt")).doesNotExist();
        assertThat(repo.resolve("second.txt")).hasContent("2");
        assertThat(exec(repo, "git", "log", "--format=%s")).isEqualTo("second try\n");
        assertThat(result.outputTail()).contains("script agent: attempt 2, 3 steps", "shared");
    }

    @Test
    void exitCodeOfTheScriptIsTheTurnsExitCode() throws Exception {
        TurnResult result = turn(1, "say giving up", "exit 3", "say never");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.outputTail()).contains("giving up").doesNotContain("never");
        assertThat(Files.readString(logs.resolve("eng-1.log"))).contains("giving up", "exit code 3");
    }

    @Test
    void slowScriptIsKilledAtTheTimeout() {
        String prompt = "```bosun-script\nsay waiting\nsleep 1m\n```\n";
        TurnResult result =
                agent.run(request(repo, logs.resolve("eng-1.log"), 1, prompt, Duration.ofSeconds(5), GIT_IDENTITY));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.outputTail()).contains("waiting");
    }
}
