package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.Await;
import dev.bosun.support.ScriptedClaudeModel;
import dev.bosun.support.ScriptedClaudeModel.ToolCall;
import dev.bosun.support.TestRepository;
import dev.bosun.team.AgentKind;

/**
 * The {@code claude} agent kind with the real Claude Code binary, against
 * {@link ScriptedClaudeModel}: the first turn writes a file that makes the tests red, Bosun sends
 * the last lines of the red run back, the fix turn (a new claude process resuming the first
 * turn's conversation) repairs it, and Bosun merges. A turn much longer than the stall timeout
 * that keeps working is never reported stalled, and its tool calls are lines in the member's
 * terminal log; a turn's usage is what the scripted model reported.
 */
@AgentCliTest.AgentCli(binary = "claude", npmPackage = "@anthropic-ai/claude-code@2.1.328")
@TestPropertySource(properties = "bosun.stall-timeout=" + ClaudeCodeAgentTest.STALL_TIMEOUT_SECONDS + "s")
class ClaudeCodeAgentTest extends AgentCliTest {

    /**
     * Fixed, not scaled: it is the behaviour under test. On an idle machine every event of a
     * working turn comes within about 3 s of the one before (a {@code sleep 2} call, then its
     * result); under a load of 8 processes per core gaps of 7 s were seen, so 15 s is the margin.
     */
    static final int STALL_TIMEOUT_SECONDS = 15;
    /** Each {@code sleep 2}: the sleeps alone outlast the stall timeout, however fast the rest is. */
    private static final int SLOW_STEPS = STALL_TIMEOUT_SECONDS / 2 + 3;

    private static final String MODEL = "claude-sonnet-4-5";
    private static final String MARKER = "BRO" + "KEN";
    /** Starts with a check that Bosun's own bosun is on the PATH Claude Code's shell sees. */
    private static final String FIRST_DRAFT = "command -v bosun > /dev/null && printf 'draft " + "BRO''KEN"
            + "\\n' > claude.txt" + " && git add claude.txt && git commit -q -m 'add claude.txt'";

    private static final String FIX =
            "printf 'hello from claude\\n' > claude.txt && git commit -q -am 'fix claude.txt'";

    private static final String SLOW_TASK = "Write steps.txt in small steps";
    private static final String COMMIT_SLOW = "git add steps.txt && git commit -q -m 'add steps.txt'";
    private static final String USAGE_TURN = "Write usage.txt";
    private static final String STOPPED_TURN = "Work on stopped.txt";
    /**
     * Claude Code refuses a standalone long sleep; a wait for a file that never comes it runs. The
     * file it touches first says the tool runs, so Claude has written the call to its transcript.
     */
    private static final String LONG_STEP = "touch started.txt && until [ -e never.txt ]; do sleep 1; done";

    @RegisterExtension
    static final ScriptedModel<ScriptedClaudeModel> model = scriptedModel(
            "claude",
            MODEL,
            2,
            () -> ScriptedClaudeModel.withToolCalls(ClaudeCodeAgentTest::script),
            ClaudeCodeAgentTest::environment);

    private static List<ToolCall> script(String prompt) {
        if (prompt.contains("FAIL: a file is " + MARKER)) {
            return List.of(ToolCall.bash(FIX));
        }
        if (prompt.contains(SLOW_TASK)) {
            List<ToolCall> calls = new ArrayList<>();
            calls.add(ToolCall.write("steps.txt", "written in steps\n"));
            for (int i = 0; i < SLOW_STEPS; i++) {
                calls.add(ToolCall.bash("sleep 2"));
            }
            calls.add(ToolCall.bash(COMMIT_SLOW));
            return calls;
        }
        if (prompt.contains(STOPPED_TURN)) {
            return prompt.contains("was interrupted")
                    ? List.of(ToolCall.bash("echo carried on"))
                    : List.of(ToolCall.bash(LONG_STEP));
        }
        if (prompt.contains(USAGE_TURN)) {
            return List.of(ToolCall.write("usage.txt", "counted\n"), ToolCall.bash("cat usage.txt"));
        }
        return List.of(ToolCall.bash(FIRST_DRAFT));
    }

    /**
     * Claude Code's shell sources {@code ~/.bashrc}: its own {@code HOME} under the test's folder
     * keeps the user's shell set-up out (a pyenv rehash lock once held every Bash call for 60 s).
     */
    private static Map<String, String> environment(ScriptedClaudeModel claude) {
        return Map.of(
                "HOME",
                claudeHome().toString(),
                "ANTHROPIC_BASE_URL",
                claude.baseUrl(),
                "ANTHROPIC_API_KEY",
                "sk-scripted",
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
                "1",
                "IS_SANDBOX",
                "1");
    }

    private static Path claudeHome() {
        try {
            return Files.createDirectories(home.resolve("claude-home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRedFirstTurnIsFixedByASecondClaudeTurnAndMerged() {
        String id = addTask("Add claude.txt", "Create claude.txt with a greeting and commit it.");

        JsonNode task = awaitFinished(id);

        assertThat(task.path("task").path("status").asText())
                .as("%s%n%s", task, terminal())
                .isEqualTo("merged");
        assertThat(task.path("task").path("attempts").asInt()).isEqualTo(2);
        assertThat(repository().git("show", "main:claude.txt")).isEqualTo("hello from claude");
        assertThat(repository().git("log", "-1", "--format=%an", "main^2")).isEqualTo(ENGINEER);

        List<JsonNode> turns = model.get().agentRequests();
        assertThat(turns).extracting(r -> r.path("model").asText()).containsOnly(MODEL);
        JsonNode firstTurn = turns.stream()
                .filter(r -> ScriptedClaudeModel.lastUserText(r).contains("Create claude.txt"))
                .findFirst()
                .orElseThrow();
        assertThat(ScriptedClaudeModel.earlierCommands(firstTurn)).isEmpty();
        JsonNode fixTurn = turns.stream()
                .filter(r -> ScriptedClaudeModel.lastUserText(r).contains("FAIL: a file is " + MARKER))
                .findFirst()
                .orElseThrow();
        assertThat(ScriptedClaudeModel.earlierCommands(fixTurn))
                .as("the fix turn resumed the first turn's conversation")
                .startsWith(FIRST_DRAFT);
        assertThat(terminal())
                .contains("● Bash: " + FIRST_DRAFT, "● Bash: " + FIX, "● Result: success")
                .contains("attempt 2");
    }

    /**
     * The done-when case of liveness: with {@code --output-format json} Claude Code printed nothing
     * until the turn ended, so this turn was reported {@code member_stalled} after 6 s.
     */
    @Test
    void aTurnLongerThanTheStallTimeoutThatKeepsWorkingIsNotStalledAndShowsItsToolCalls() {
        String id = addTask(SLOW_TASK, "Write steps.txt, then commit it.");

        JsonNode task = awaitFinished(id);

        String terminal = terminal();
        assertThat(task.path("task").path("status").asText())
                .as("%s%n%s", task, terminal)
                .isEqualTo("merged");
        assertThat(turnMillis(terminal, id))
                .as("the turn lasted longer than the stall timeout, or this test proves nothing")
                .isGreaterThan(Duration.ofSeconds(STALL_TIMEOUT_SECONDS).toMillis());
        assertThat(events(id, "member_stalled")).as("stall events of %s", id).isEmpty();
        assertThat(terminal)
                .contains("● Claude Code 2.1.328 · model " + MODEL + " · session ")
                .contains("● Write: steps.txt")
                .contains("● Bash: " + COMMIT_SLOW)
                .contains("● Result: success · " + (SLOW_STEPS + 3) + " turns");
        assertThat(terminal.lines().filter(line -> line.equals("● Bash: sleep 2")))
                .as("one line per call")
                .hasSize(SLOW_STEPS);
    }

    /** Usage is not in the API yet, so the agent is run by itself, in a PTY, as the worker runs it. */
    @Test
    void aTurnsUsageIsWhatTheModelReportedAndItsSessionIsKnown() throws IOException {
        Path work = TestRepository.create(home.resolve("usage-work")).root();
        Path log = Files.createDirectories(home.resolve("usage-logs")).resolve("eng-1.log");
        Map<String, String> env = agentEnvironment();

        TurnResult result = AgentCommands.agent(AgentKind.CLAUDE, MODEL)
                .run(AgentTestSupport.request(work, log, 1, USAGE_TURN, Duration.ofSeconds(120), env));

        String shown = Files.readString(log);
        assertThat(result.succeeded()).as(shown).isTrue();
        // Two tool calls and the final text: three answers of the scripted model.
        ScriptedClaudeModel.Usage each = ScriptedClaudeModel.USAGE;
        assertThat(result.usage()).isNotNull();
        assertThat(result.usage().inputTokens()).isEqualTo(3L * each.allInputTokens());
        assertThat(result.usage().outputTokens()).isEqualTo(3L * each.outputTokens());
        assertThat(result.usage().costUsd()).isPositive();
        assertThat(result.sessionId()).matches("[0-9a-f-]{36}");
        assertThat(shown)
                .contains("session " + result.sessionId())
                .contains("● Write: usage.txt\n", "● Bash: cat usage.txt\n  ⎿ counted\n")
                .contains("● Result: success · 3 turns")
                .contains("tokens " + result.usage().inputTokens() + " in, "
                        + result.usage().outputTokens() + " out")
                .doesNotContain("\"type\":");
        List<String> tail = result.outputTail();
        assertThat(tail.get(tail.size() - 2)).startsWith("● Result: success");
        assertThat(tail.get(tail.size() - 1)).isEqualTo("done");
        assertThat(AgentAnswer.of(tail)).as("what a manager's turn answers").isEqualTo("done");
    }

    /**
     * Bosun stopped in the middle of a Claude turn (an interrupt, as a stop or Ctrl-C gives): the
     * same attempt after the restart resumes the conversation Claude named in its first event,
     * so the model sees the earlier turn's tool call instead of starting over.
     */
    @Test
    void aTurnCutShortByAStopResumesItsConversationWhenItRunsAgain() throws Exception {
        Path work = TestRepository.create(home.resolve("stopped-work")).root();
        Path log = Files.createDirectories(home.resolve("stopped-logs")).resolve("eng-1.log");
        Map<String, String> env = agentEnvironment();
        TurnRequest request = AgentTestSupport.request(work, log, 1, STOPPED_TURN, Duration.ofSeconds(600), env);
        CommandAgent claude = AgentCommands.agent(AgentKind.CLAUDE, MODEL);

        java.util.concurrent.CompletableFuture<Throwable> stopped = new java.util.concurrent.CompletableFuture<>();
        Thread turn = new Thread(() -> {
            try {
                stopped.complete(new AssertionError("the turn ended by itself: " + claude.run(request)));
            } catch (Throwable e) {
                stopped.complete(e);
            }
        });
        turn.start();
        Await.until(
                "Claude to run its long step",
                Duration.ofSeconds(120),
                () -> Files.exists(work.resolve("started.txt")),
                started -> started);
        assertThat(log.resolveSibling("eng-1.session"))
                .as(
                        "the session kept while the turn runs: %s%n%s",
                        java.util.Arrays.toString(log.getParent().toFile().list()), read(log))
                .exists();
        turn.interrupt();
        assertThat(stopped.get(60, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(TurnInterruptedException.class);

        TurnResult again = claude.run(request);

        assertThat(again.succeeded()).as(read(log)).isTrue();
        JsonNode resumed = model.get().agentRequests().stream()
                .filter(r -> ScriptedClaudeModel.lastUserText(r).contains("was interrupted"))
                .findFirst()
                .orElseThrow();
        assertThat(ScriptedClaudeModel.earlierCommands(resumed))
                .as("the resumed turn continues the stopped one's conversation")
                .contains(LONG_STEP);
    }

    /** The engineer's environment for an agent run by the test itself, with the CLIs first on the PATH. */
    private static Map<String, String> agentEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(environment(model.get()));
        env.put(
                "PATH",
                Path.of(System.getenv(AGENT_CLIS), "node_modules", ".bin")
                        + File.pathSeparator
                        + System.getenv("PATH"));
        return env;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long the task's first turn took, from the footer of the terminal log. */
    private static long turnMillis(String terminal, String task) {
        Matcher footer = Pattern.compile(
                        "=== end turn of task " + Pattern.quote(task) + ", attempt 1: exit code 0 after (\\d+) ms")
                .matcher(terminal);
        assertThat(footer.find())
                .as("the end of %s's turn in%n%s", task, terminal)
                .isTrue();
        return Long.parseLong(footer.group(1));
    }

    /** The task's events of one kind in {@code .bosun/events.jsonl}. */
    private static List<JsonNode> events(String task, String event) {
        ObjectMapper json = new ObjectMapper();
        try {
            List<JsonNode> found = new ArrayList<>();
            for (String line : Files.readAllLines(repository().root().resolve(".bosun/events.jsonl"))) {
                JsonNode node = json.readTree(line);
                if (event.equals(node.path("event").asText())
                        && task.equals(node.path("task").asText())) {
                    found.add(node);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
