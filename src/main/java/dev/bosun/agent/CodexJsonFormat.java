package dev.bosun.agent;

import static dev.bosun.agent.JsonEventReading.lines;
import static dev.bosun.agent.JsonEventReading.output;
import static dev.bosun.agent.JsonEventReading.tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Codex's {@code codex exec --json} events (codex-cli 0.169.0), rendered as readable lines: the
 * thread id from {@code thread.started} (the id {@code codex exec resume} takes), commands with
 * their output, the agent's messages, and the usage from {@code turn.completed}.
 *
 * <p>Codex reports the usage of the whole thread, not of the turn: a resumed thread's
 * {@code turn.completed} counts the earlier turns too (measured: the second turn reported the
 * first turn's tokens plus its own). So this format remembers the last total it saw per thread
 * and reports the difference. A thread it has not seen (resumed after Bosun restarted, or by
 * another member's agent) is reported with its whole total: an overcount, never an undercount,
 * for a budget.
 */
final class CodexJsonFormat implements OutputFormat {

    /** Threads remembered for the difference; the oldest is forgotten beyond this. */
    private static final int REMEMBERED_THREADS = 1_000;

    private final Map<String, TurnUsage> threadTotals =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TurnUsage> eldest) {
                    return size() > REMEMBERED_THREADS;
                }
            });

    @Override
    public boolean rendersLines() {
        return true;
    }

    @Override
    public Reading start() {
        return new JsonEventReading() {
            private String thread = "";

            @Override
            protected List<String> event(JsonNode event) {
                return switch (event.path("type").asText()) {
                    case "thread.started" -> {
                        thread = event.path("thread_id").asText();
                        session(thread);
                        yield List.of("codex thread " + thread);
                    }
                    case "turn.started" -> List.of();
                    case "item.started" -> started(event.path("item"));
                    case "item.completed" -> completed(event.path("item"));
                    case "turn.completed" -> turnCompleted(event.path("usage"));
                    case "turn.failed" ->
                        lines(
                                "turn failed: ",
                                event.path("error").path("message").asText());
                    case "error" -> lines("error: ", event.path("message").asText());
                    default -> List.of();
                };
            }

            private List<String> turnCompleted(JsonNode reported) {
                TurnUsage total = new TurnUsage(
                        reported.path("input_tokens").asLong(),
                        reported.path("output_tokens").asLong(),
                        null);
                TurnUsage before = threadTotals.put(thread, total);
                TurnUsage turn = before == null
                                || before.inputTokens() > total.inputTokens()
                                || before.outputTokens() > total.outputTokens()
                        ? total
                        : new TurnUsage(
                                total.inputTokens() - before.inputTokens(),
                                total.outputTokens() - before.outputTokens(),
                                null);
                usage(turn);
                return List.of(tokens(turn));
            }
        };
    }

    private static List<String> started(JsonNode item) {
        if ("command_execution".equals(item.path("type").asText())) {
            return lines("$ ", item.path("command").asText());
        }
        return List.of();
    }

    private static List<String> completed(JsonNode item) {
        List<String> shown = new ArrayList<>();
        switch (item.path("type").asText()) {
            case "agent_message" ->
                shown.addAll(lines("codex: ", item.path("text").asText()));
            case "reasoning" ->
                shown.addAll(lines("thinking: ", item.path("text").asText()));
            case "command_execution" -> {
                shown.addAll(output(item.path("aggregated_output").asText()));
                shown.add("(exit code " + item.path("exit_code").asText("?") + ")");
            }
            case "file_change" ->
                item.path("changes")
                        .forEach(change -> shown.add(change.path("kind").asText("changed") + " "
                                + change.path("path").asText()));
            case "mcp_tool_call" ->
                shown.add("tool " + item.path("server").asText() + "."
                        + item.path("tool").asText() + " " + item.path("status").asText());
            case "web_search" -> shown.add("web search: " + item.path("query").asText());
            case "todo_list" ->
                item.path("items")
                        .forEach(todo -> shown.add((todo.path("completed").asBoolean() ? "[x] " : "[ ] ")
                                + todo.path("text").asText()));
            case "error" -> shown.addAll(lines("warning: ", item.path("message").asText()));
            default -> {}
        }
        return shown;
    }
}
