package dev.bosun.agent;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Claude Code's {@code --output-format stream-json} (which {@code -p} accepts only with
 * {@code --verbose}), one JSON event per line as the turn goes, shown as lines a person reads in
 * {@code bosun logs} and {@code attach}: the start (version, model, session), the assistant's
 * text, every tool call as one line ({@code ● Bash: git commit -q -m 'x'}), the first line of
 * each tool result, a heartbeat while a tool call runs long, and the final result (success or
 * error, turns, time, cost, tokens) followed
 * by the result text. A line that is not JSON (Claude Code's own error messages, such as its
 * refusal to bypass permissions as root) is shown as it is, and so is an event of a type this
 * format does not know (cut to the width); blank lines are left out.
 *
 * <p>The conversation id is taken from the first event that names it (the {@code init} event,
 * before any work), so a turn cut short can be resumed; the usage from the final {@code result}
 * event: input tokens are its {@code input_tokens}, {@code cache_creation_input_tokens} and
 * {@code cache_read_input_tokens} together, output tokens its {@code output_tokens}, the cost its
 * {@code total_cost_usd}. Measured with Claude Code 2.1.328 ({@code ClaudeStreamFormatTest} holds
 * the events it printed).
 */
final class ClaudeStreamFormat implements OutputFormat {

    /**
     * How a one-line summary (tool call, tool result, unknown event) is cut: the width of the
     * terminal the turn runs in ({@link PtyTurnRunner}'s 160 columns).
     */
    static final int WIDTH = 160;
    /** The start of the line that precedes the final result's text. */
    static final String RESULT = "● Result: ";

    /** The input fields that say best what a tool call does, most telling first. */
    private static final List<String> SUMMARY_FIELDS = List.of(
            "command",
            "file_path",
            "notebook_path",
            "path",
            "pattern",
            "url",
            "query",
            "description",
            "skill",
            "prompt");

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public Reading start() {
        return new StreamReading();
    }

    @Override
    public boolean rendersLines() {
        return true;
    }

    /** One turn's events. Fed by one thread; the session id and the usage are safely published. */
    private static final class StreamReading implements Reading {
        private volatile @Nullable String sessionId;
        private volatile @Nullable TurnUsage usage;
        /** The turn's working folder, from the init event: tool paths are shown relative to it. */
        private @Nullable String cwd;
        /** Tasks Claude Code runs in the background, whose end is worth a line. */
        private final Set<String> backgrounded = new HashSet<>();

        @Override
        public List<String> render(String line) {
            if (line.isBlank()) {
                return List.of(); // the line end after the last event, or escapes the PTY cleaned away
            }
            JsonNode event = parse(line);
            if (event == null || !event.path("type").isTextual()) {
                return List.of(line);
            }
            JsonNode session = event.path("session_id");
            if (session.isTextual() && !session.asText().isBlank()) {
                sessionId = session.asText();
            }
            String type = event.path("type").asText();
            List<String> shown = switch (type) {
                case "system" -> system(event);
                case "assistant" -> assistant(event.path("message"));
                case "user" -> user(event.path("message"));
                case "tool_progress" -> progress(event);
                case "result" -> result(event);
                default -> List.of(cut(line));
            };
            if ((type.equals("assistant") || type.equals("user"))
                    && event.path("parent_tool_use_id").isTextual()) {
                // A subagent's messages, inside the tool call that started it.
                return shown.stream().map(l -> "  " + l).toList();
            }
            return shown;
        }

        @Override
        public @Nullable String sessionId() {
            return sessionId;
        }

        @Override
        public @Nullable TurnUsage usage() {
            return usage;
        }

        private List<String> system(JsonNode event) {
            String subtype = event.path("subtype").asText();
            if (subtype.equals("init")) {
                cwd = event.path("cwd").isTextual() ? event.path("cwd").asText() : null;
                return List.of(
                        cut("● Claude Code " + event.path("claude_code_version").asText("?") + " · model "
                                + event.path("model").asText("?") + " · session "
                                + event.path("session_id").asText("?")));
            }
            if (subtype.equals("api_retry")) {
                return List.of(cut("● API retry " + event.path("attempt").asText() + " of "
                        + event.path("max_retries").asText() + " in "
                        + event.path("retry_delay_ms").asText()
                        + " ms: " + event.path("error_status").asText() + " "
                        + event.path("error").asText()));
            }
            if (subtype.equals("task_started")) {
                // Claude Code tracks every longer Bash call as a task; only one sent to the
                // background is news, the call's own line already says what runs.
                if (!event.path("is_backgrounded").asBoolean(false)) {
                    return List.of();
                }
                backgrounded.add(event.path("task_id").asText());
                return List.of(cut("● Background task started: "
                        + oneLine(event.path("description").asText())));
            }
            if (subtype.equals("task_notification")) {
                String status = event.path("status").asText();
                if (status.equals("completed")
                        && !backgrounded.contains(event.path("task_id").asText())) {
                    return List.of();
                }
                return List.of(cut("● Task " + status + ": "
                        + oneLine(event.path("summary").asText())));
            }
            return List.of(cut("● " + subtype.replace('_', ' ')));
        }

        /** Claude Code's heartbeat while a tool call runs long (every 30 s, measured with 2.1.328). */
        private static List<String> progress(JsonNode event) {
            return List.of(cut("  ⎿ " + event.path("tool_name").asText("tool") + " still running ("
                    + event.path("elapsed_time_seconds").asText("?") + " s)"));
        }

        private List<String> assistant(JsonNode message) {
            List<String> lines = new ArrayList<>();
            for (JsonNode block : message.path("content")) {
                switch (block.path("type").asText()) {
                    case "text" -> lines.addAll(textLines(block.path("text").asText()));
                    case "thinking" -> {
                        String thought = oneLine(block.path("thinking").asText());
                        lines.add(cut("✻ " + (thought.isEmpty() ? "Thinking…" : thought)));
                    }
                    case "tool_use" ->
                        lines.add(cut("● " + block.path("name").asText("tool") + ": " + summary(block.path("input"))));
                    default -> {
                        // redacted thinking and the like: nothing a person reads
                    }
                }
            }
            return lines;
        }

        /** Tool results, one line each: their first line, and how many more there were. */
        private List<String> user(JsonNode message) {
            List<String> lines = new ArrayList<>();
            for (JsonNode block : message.path("content")) {
                if (!"tool_result".equals(block.path("type").asText())) {
                    continue; // the prompt itself, Claude Code's reminders: not news to the reader
                }
                List<String> output = nonBlankLines(resultText(block.path("content")));
                String first = output.isEmpty() ? "(no output)" : oneLine(output.get(0));
                String more = output.size() > 1 ? " … +" + (output.size() - 1) + " lines" : "";
                String error = block.path("is_error").asBoolean(false) ? "Error: " : "";
                lines.add(cut("  ⎿ " + error + first, WIDTH - more.length()) + more);
            }
            return lines;
        }

        private List<String> result(JsonNode event) {
            usage = usageOf(event);
            String subtype = event.path("subtype").asText("");
            boolean failed = event.path("is_error").asBoolean(false) || subtype.startsWith("error");
            String reason = subtype.startsWith("error")
                    ? subtype
                    : event.path("terminal_reason").asText("completed");
            StringBuilder header = new StringBuilder(RESULT).append(failed ? "error" : "success");
            if (failed && !reason.isBlank() && !reason.equals("completed")) {
                header.append(" (").append(reason).append(')');
            }
            if (event.path("num_turns").isNumber()) {
                int turns = event.path("num_turns").asInt();
                header.append(" · ").append(turns).append(turns == 1 ? " turn" : " turns");
            }
            if (event.path("duration_ms").isNumber()) {
                header.append(" · ")
                        .append(String.format(
                                Locale.ROOT, "%.1f s", event.path("duration_ms").asLong() / 1000.0));
            }
            TurnUsage cost = usage;
            if (cost != null) {
                if (cost.costUsd() != null) {
                    header.append(" · $")
                            .append(cost.costUsd()
                                    .setScale(4, RoundingMode.HALF_UP)
                                    .toPlainString());
                }
                header.append(" · tokens ")
                        .append(cost.inputTokens())
                        .append(" in, ")
                        .append(cost.outputTokens())
                        .append(" out");
            }
            List<String> lines = new ArrayList<>();
            lines.add(header.toString());
            lines.addAll(textLines(event.path("result").asText("")));
            return lines;
        }

        private static @Nullable TurnUsage usageOf(JsonNode result) {
            JsonNode tokens = result.path("usage");
            JsonNode cost = result.path("total_cost_usd");
            if (!tokens.isObject() && !cost.isNumber()) {
                return null;
            }
            long input = tokens.path("input_tokens").asLong(0)
                    + tokens.path("cache_creation_input_tokens").asLong(0)
                    + tokens.path("cache_read_input_tokens").asLong(0);
            BigDecimal usd = cost.isNumber() ? cost.decimalValue() : null;
            return new TurnUsage(input, tokens.path("output_tokens").asLong(0), usd);
        }

        /** What a tool call does, in one line: its most telling input field, else its whole input. */
        private String summary(JsonNode input) {
            for (String field : SUMMARY_FIELDS) {
                JsonNode value = input.path(field);
                if (value.isTextual() && !value.asText().isBlank()) {
                    String text = value.asText();
                    if (field.endsWith("path") && cwd != null && text.startsWith(cwd + "/")) {
                        text = text.substring(cwd.length() + 1);
                    }
                    return oneLine(text);
                }
            }
            return input.isMissingNode() ? "" : oneLine(input.toString());
        }

        private static String resultText(JsonNode content) {
            if (content.isTextual()) {
                return content.asText();
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    parts.add(part.path("text").asText());
                } else if (part.path("type").isTextual()) {
                    parts.add("(" + part.path("type").asText() + ")");
                }
            }
            return String.join("\n", parts);
        }
    }

    private static @Nullable JsonNode parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null; // not JSON after all: shown as it is
        }
    }

    /** The lines of a text as a terminal shows them, escapes and control characters removed. */
    private static List<String> textLines(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        return text.strip().lines().map(TerminalTail::clean).toList();
    }

    private static List<String> nonBlankLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Whitespace runs (line ends included) as one space, escapes removed. */
    private static String oneLine(String text) {
        return TerminalTail.clean(text.replaceAll("\\s+", " ")).strip();
    }

    private static String cut(String line) {
        return cut(line, WIDTH);
    }

    /** At most {@code width} characters (code points), the last one an ellipsis when something was cut. */
    private static String cut(String line, int width) {
        if (line.codePointCount(0, line.length()) <= width) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, width - 1)) + "…";
    }
}
