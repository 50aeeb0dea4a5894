package dev.bosun.agent;

import static dev.bosun.agent.JsonEventReading.lines;
import static dev.bosun.agent.JsonEventReading.output;
import static dev.bosun.agent.JsonEventReading.tokens;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Gemini CLI's {@code --output-format stream-json} events (0.61.0), rendered as readable lines:
 * the session id from {@code init} (the id {@code --resume} takes), tool calls with their
 * results, the model's text (streamed in pieces, shown once a piece ends a line or another event
 * comes) and the usage from the final {@code result}'s {@code stats}, which counts this run only
 * (measured: a resumed session's stats did not include the earlier run's tokens). Gemini CLI
 * states no price. The prompt echoed as the user's message is not shown again.
 */
final class GeminiStreamFormat implements OutputFormat {

    @Override
    public boolean rendersLines() {
        return true;
    }

    @Override
    public Reading start() {
        return new JsonEventReading() {
            private final StringBuilder answer = new StringBuilder();

            @Override
            protected List<String> event(JsonNode event) {
                String type = event.path("type").asText();
                boolean assistant = "message".equals(type)
                        && "assistant".equals(event.path("role").asText());
                List<String> shown = new ArrayList<>();
                if (assistant) {
                    answer.append(event.path("content").asText());
                    int end = answer.lastIndexOf("\n");
                    if (end >= 0) {
                        shown.addAll(output(answer.substring(0, end)));
                        answer.delete(0, end + 1);
                    }
                    return shown;
                }
                if (!answer.isEmpty()) {
                    shown.addAll(output(answer.toString()));
                    answer.setLength(0);
                }
                switch (type) {
                    case "init" -> {
                        String id = event.path("session_id").asText();
                        session(id);
                        shown.add("gemini session " + id + " (model "
                                + event.path("model").asText() + ")");
                    }
                    case "tool_use" -> shown.addAll(toolUse(event));
                    case "tool_result" -> {
                        shown.addAll(output(event.path("output").asText()));
                        if (!"success".equals(event.path("status").asText())) {
                            shown.addAll(lines(
                                    "tool " + event.path("status").asText() + ": ",
                                    event.path("error").path("message").asText()));
                        }
                    }
                    case "error" ->
                        shown.addAll(lines(
                                event.path("severity").asText("error") + ": ",
                                event.path("message").asText()));
                    case "result" -> {
                        JsonNode stats = event.path("stats");
                        TurnUsage turn = new TurnUsage(
                                stats.path("input_tokens").asLong(),
                                stats.path("output_tokens").asLong(),
                                null);
                        usage(turn);
                        if (!"success".equals(event.path("status").asText())) {
                            shown.addAll(lines(
                                    "gemini " + event.path("status").asText() + ": ",
                                    event.path("error").path("message").asText()));
                        }
                        shown.add(tokens(turn));
                    }
                    default -> {}
                }
                return shown;
            }
        };
    }

    private static List<String> toolUse(JsonNode event) {
        JsonNode parameters = event.path("parameters");
        if (parameters.path("command").isTextual()) {
            return lines("$ ", parameters.path("command").asText());
        }
        return List.of("tool " + event.path("tool_name").asText() + " " + parameters);
    }
}
