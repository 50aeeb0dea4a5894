package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bosun.support.ScriptedClaudeModel;

/**
 * {@link ClaudeStreamFormat} on what Claude Code 2.1.328 printed with {@code -p --output-format
 * stream-json --verbose} (captured from the real binary against {@link ScriptedClaudeModel}, kept
 * under {@code claude-code-2.1.328/} next to this class): {@code tools.jsonl} is a turn whose model
 * asked for ten tool calls (Write with an absolute path, Bash, Read, Edit, a long output, a failing
 * command, tools the session lacks) and then said {@code done}; {@code api-error.jsonl} and
 * {@code api-retry.jsonl} are turns whose model could not be reached or was overloaded;
 * {@code root-refusal.txt} is what it prints as root without {@code IS_SANDBOX}.
 */
class ClaudeStreamFormatTest {

    private static final String TOOLS_SESSION = "23d16c14-e262-4469-8a83-9d7364c656e5";

    @Test
    void aTurnOfToolCallsReadsAsOneLinePerCallAndResultThenTheOutcome() {
        List<String> shown = render(captured("tools.jsonl"));

        assertThat(shown)
                .containsExactly(
                        "● Claude Code 2.1.328 · model claude-sonnet-4-5 · session " + TOOLS_SESSION,
                        "● Write: claude.txt",
                        "  ⎿ File created successfully at: /tmp/cap5162840220641022856/claude.txt (file state is current"
                                + " in your context — no need to Read it back)",
                        "● Bash: git add claude.txt && git commit -q -m 'add claude.txt' && echo committed",
                        "  ⎿ committed",
                        "● Read: claude.txt",
                        "  ⎿ 1 hello … +2 lines",
                        "● Edit: claude.txt",
                        "  ⎿ The file claude.txt has been updated successfully. (file state is current in your context"
                                + " — no need to Read it back)",
                        "● Bash: seq 1 30",
                        "  ⎿ 1 … +29 lines",
                        "● Bash: false",
                        "  ⎿ Error: Exit code 1",
                        "● Glob: **/*.txt",
                        "  ⎿ Error: <tool_use_error>Error: No such tool available: Glob. Glob is not available in this"
                                + " session — find files with `find` via the Bash tool instead.</tool…",
                        "● Grep: hello",
                        "  ⎿ Error: <tool_use_error>Error: No such tool available: Grep. Grep is not available in this"
                                + " session — search file contents with `grep` via the Bash tool inst…",
                        "● TodoWrite: {\"todos\":[{\"status\":\"pending\",\"content\":\"x\",\"activeForm\":\"doing x\"}]}",
                        "  ⎿ Error: <tool_use_error>Error: No such tool available: TodoWrite. TodoWrite is disabled for"
                                + " this session, in subagents as well as here.</tool_use_error>",
                        "● Bash: printf '%s' \"$(head -c 3000 /dev/zero | tr '\\0' a)\"",
                        "  ⎿ " + "a".repeat(ClaudeStreamFormat.WIDTH - 5) + "…",
                        "done",
                        "● Result: success · 11 turns · 4.4 s · $0.0093 · tokens 6050 in, 187 out",
                        "done");
        assertThat(shown)
                .allSatisfy(line -> assertThat(line.codePointCount(0, line.length()))
                        .isLessThanOrEqualTo(ClaudeStreamFormat.WIDTH));
    }

    @Test
    void theSessionIsKnownFromTheFirstEventAndTheUsageFromTheResult() {
        List<String> events = captured("tools.jsonl");
        OutputFormat.Reading reading = new ClaudeStreamFormat().start();

        reading.render(events.get(0));
        assertThat(reading.sessionId())
                .as("a turn cut short after its first event can be resumed")
                .isEqualTo(TOOLS_SESSION);
        events.subList(1, events.size() - 1).forEach(reading::render);
        assertThat(reading.usage()).as("no usage before the result").isNull();

        reading.render(events.get(events.size() - 1));
        // 11 answers of the scripted model, each 120 uncached + 30 cache writes + 400 cache reads in, 17 out.
        assertThat(reading.usage()).isEqualTo(new TurnUsage(6050, 187, new BigDecimal("0.0093225")));
        assertThat(reading.usage().inputTokens()).isEqualTo(11L * ScriptedClaudeModel.USAGE.allInputTokens());
        assertThat(reading.usage().outputTokens()).isEqualTo(11L * ScriptedClaudeModel.USAGE.outputTokens());
        assertThat(reading.sessionId()).isEqualTo(TOOLS_SESSION);
    }

    @Test
    void aTurnThatFailedSaysErrorWithItsReasonAndShowsTheMessage() {
        List<String> unreachable = render(captured("api-error.jsonl"));
        String message = "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)";
        assertThat(unreachable)
                .containsExactly(
                        "● Claude Code 2.1.328 · model claude-opus-5-5 · session cbf37348-2348-4960-84eb-d542632e03b8",
                        message,
                        "● Result: error (api_error) · 1 turn · 1.4 s · $0.0000 · tokens 0 in, 0 out",
                        message);

        assertThat(render(captured("api-retry.jsonl")))
                .contains("● API retry 1 of 1 in 621 ms: 529 overloaded")
                .anySatisfy(line -> assertThat(line).startsWith("● Result: error (api_error) · 1 turn"));
    }

    /**
     * Captured in a PTY, where a Bash call took 80 s (a shell start-up waiting for a lock): Claude
     * Code tracks it as a task and prints a heartbeat every 30 s while it runs.
     */
    @Test
    void aLongToolCallShowsItsHeartbeatsAndNotItsTaskBookkeeping() {
        assertThat(render(captured("long-bash.jsonl")))
                .containsExactly("  ⎿ Bash still running (30 s)", "  ⎿ Bash still running (60 s)");

        OutputFormat.Reading reading = new ClaudeStreamFormat().start();
        assertThat(reading.render("{\"type\":\"system\",\"subtype\":\"task_started\",\"task_id\":\"b1\","
                        + "\"description\":\"npm run build\",\"is_backgrounded\":true,\"session_id\":\"s\"}"))
                .containsExactly("● Background task started: npm run build");
        assertThat(reading.render("{\"type\":\"system\",\"subtype\":\"task_notification\",\"task_id\":\"b1\","
                        + "\"status\":\"completed\",\"summary\":\"npm run build\",\"session_id\":\"s\"}"))
                .containsExactly("● Task completed: npm run build");
        assertThat(reading.render("{\"type\":\"system\",\"subtype\":\"task_notification\",\"task_id\":\"b2\","
                        + "\"status\":\"failed\",\"summary\":\"make\",\"session_id\":\"s\"}"))
                .containsExactly("● Task failed: make");
    }

    @Test
    void linesThatAreNotEventsAreShownAsTheyAre() {
        OutputFormat.Reading reading = new ClaudeStreamFormat().start();
        String refusal = captured("root-refusal.txt").get(0);
        assertThat(refusal)
                .isEqualTo(
                        "--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons");

        assertThat(reading.render(refusal)).containsExactly(refusal);
        String cutShort = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\"";
        assertThat(reading.render(cutShort)).containsExactly(cutShort);
        assertThat(reading.render("{\"not\":\"an event\"}")).containsExactly("{\"not\":\"an event\"}");
        assertThat(reading.render("")).isEmpty();
        assertThat(reading.render("  ")).isEmpty();
        String unknown = "{\"type\":\"stream_event\",\"detail\":\"" + "x".repeat(300) + "\"}";
        assertThat(reading.render(unknown))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("{\"type\":\"stream_event\"")
                        .hasSize(ClaudeStreamFormat.WIDTH)
                        .endsWith("…"));
        assertThat(reading.sessionId()).isNull();
        assertThat(reading.usage()).isNull();
    }

    @Test
    void aLongOrMultiLineToolCallIsOneLineCutToTheWidth() {
        OutputFormat.Reading reading = new ClaudeStreamFormat().start();
        String command = "git add a.txt &&\\n  git commit -q -m '" + "long ".repeat(60) + "'";
        List<String> shown = reading.render("{\"type\":\"assistant\",\"message\":{\"content\":["
                + "{\"type\":\"text\",\"text\":\"First I commit.\\nThen I test.\"},"
                + "{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{\"command\":\"" + command + "\"}},"
                + "{\"type\":\"tool_use\",\"name\":\"mcp__x__y\",\"input\":{\"n\":1}}]},"
                + "\"parent_tool_use_id\":null,\"session_id\":\"s-1\"}");

        assertThat(shown).hasSize(4);
        assertThat(shown.subList(0, 2)).containsExactly("First I commit.", "Then I test.");
        assertThat(shown.get(2))
                .startsWith("● Bash: git add a.txt && git commit -q -m 'long long")
                .hasSize(ClaudeStreamFormat.WIDTH)
                .endsWith("…");
        assertThat(shown.get(3)).isEqualTo("● mcp__x__y: {\"n\":1}");
        assertThat(reading.sessionId()).isEqualTo("s-1");
    }

    @Test
    void aManagersAnswerIsTheResultTextAfterTheRenderedLines() {
        List<String> tail = new ArrayList<>(render(captured("tools.jsonl")));
        tail.set(tail.size() - 1, "Retry with the test data in place.");
        tail.add("Then commit.");

        assertThat(AgentAnswer.of(tail)).isEqualTo("Retry with the test data in place.\nThen commit.");
    }

    private static List<String> render(List<String> lines) {
        OutputFormat.Reading reading = new ClaudeStreamFormat().start();
        List<String> shown = new ArrayList<>();
        lines.forEach(line -> shown.addAll(reading.render(line)));
        return shown;
    }

    private static List<String> captured(String name) {
        try (InputStream in = ClaudeStreamFormatTest.class.getResourceAsStream("claude-code-2.1.328/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no captured output " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
