package dev.bosun.agent;

import static dev.bosun.agent.JsonEventReading.lines;
import static dev.bosun.agent.JsonEventReading.output;
import static dev.bosun.agent.JsonEventReading.tokens;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * opencode's {@code opencode run --format json} events (opencode-ai 1.18.33), rendered as
 * readable lines: the session id every event carries ({@code sessionID}, the id
 * {@code --session} takes), tool calls with their output, the model's text, and the usage summed
 * over the turn's {@code step_finish} events.
 *
 * <p>Measured: a step's {@code tokens.input} leaves out the cache reads and writes it lists
 * apart, and {@code tokens.output} the reasoning, so the turn's input is input plus cache and its
 * output is output plus reasoning (their sum is the provider's total). {@code cost} is what
 * opencode computes from the model's price in its config, 0 for a model without one: a turn
 * whose steps all cost 0 reports no price rather than a free turn.
 */
final class OpencodeJsonFormat implements OutputFormat {

    @Override
    public boolean rendersLines() {
        return true;
    }

    @Override
    public Reading start() {
        return new JsonEventReading() {
            private long input;
            private long output;
            private BigDecimal cost = BigDecimal.ZERO;

            @Override
            protected List<String> event(JsonNode event) {
                if (event.path("sessionID").isTextual()) {
                    session(event.path("sessionID").asText());
                }
                JsonNode part = event.path("part");
                return switch (event.path("type").asText()) {
                    case "text" -> output(part.path("text").asText());
                    case "reasoning" -> lines("thinking: ", part.path("text").asText());
                    case "tool_use" -> toolUse(part);
                    case "step_finish" -> stepFinished(part);
                    case "error" -> lines("error: ", error(event.path("error")));
                    default -> List.of();
                };
            }

            private List<String> stepFinished(JsonNode part) {
                JsonNode tokens = part.path("tokens");
                input += tokens.path("input").asLong()
                        + tokens.path("cache").path("read").asLong()
                        + tokens.path("cache").path("write").asLong();
                output += tokens.path("output").asLong()
                        + tokens.path("reasoning").asLong();
                if (part.path("cost").isNumber()) {
                    cost = cost.add(part.path("cost").decimalValue());
                }
                TurnUsage turn = new TurnUsage(input, output, cost.signum() > 0 ? cost : null);
                usage(turn);
                // a step that ends in tool calls is followed by another; the last one shows the turn's sum
                return "tool-calls".equals(part.path("reason").asText()) ? List.of() : List.of(tokens(turn));
            }
        };
    }

    private static List<String> toolUse(JsonNode part) {
        JsonNode state = part.path("state");
        List<String> shown = new ArrayList<>();
        JsonNode command = state.path("input").path("command");
        if ("bash".equals(part.path("tool").asText()) && command.isTextual()) {
            shown.addAll(lines("$ ", command.asText()));
        } else {
            shown.add(part.path("tool").asText() + " " + state.path("title").asText(""));
        }
        if ("error".equals(state.path("status").asText())) {
            shown.addAll(lines("tool error: ", state.path("error").asText()));
        } else {
            shown.addAll(output(state.path("output").asText()));
        }
        return shown;
    }

    private static String error(JsonNode error) {
        String message = error.path("data").path("message").asText("");
        return message.isEmpty() ? error.path("name").asText(error.toString()) : message;
    }
}
