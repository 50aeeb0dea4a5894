package dev.bosun.support;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The model behind a real Claude Code binary in tests: an Anthropic Messages API on 127.0.0.1
 * that streams (SSE) what a script decides. Claude Code executes the {@code tool_use} blocks
 * itself ({@code Bash} here), then asks again with the {@code tool_result}; the answer to a
 * tool result is a final text. A resumed conversation (Bosun's fix turn with {@code --resume})
 * arrives with the earlier turns in front, so the script reads the newest user text. Requests
 * without tools (Claude Code's own small side queries) get a short text. Every request body is
 * kept for assertions.
 */
public final class ScriptedClaudeModel extends ScriptedModelServer {

    private final Function<String, String> commandForPrompt;

    /**
     * @param commandForPrompt the shell command the model asks Claude Code to run, given the turn's
     *                         newest user text (Bosun's prompt)
     */
    public ScriptedClaudeModel(Function<String, String> commandForPrompt) {
        this.commandForPrompt = commandForPrompt;
    }

    /** For {@code ANTHROPIC_BASE_URL}. */
    public String baseUrl() {
        return origin();
    }

    /** Bodies of the {@code /v1/messages} requests that carried tools (the agent's own turns). */
    public List<JsonNode> agentRequests() {
        return answeredBodies().stream().filter(r -> r.path("tools").size() > 0).toList();
    }

    @Override
    protected boolean answers(Request request) {
        return request.method().equals("POST") && request.path().equals("/v1/messages");
    }

    @Override
    protected void answer(HttpExchange exchange, JsonNode request) throws IOException {
        List<Map<String, Object>> events;
        if (request.path("tools").isEmpty()) {
            events = stream(List.of(text("ok")), "end_turn");
        } else if (endsWithToolResult(request)) {
            events = stream(List.of(text("done")), "end_turn");
        } else {
            String command = commandForPrompt.apply(lastUserText(request));
            events = stream(
                    List.of(Map.of(
                            "type",
                            "tool_use",
                            "id",
                            "toolu_" + requests().size(),
                            "name",
                            "Bash",
                            "input",
                            Map.of("command", command, "description", "scripted step"))),
                    "tool_use");
        }
        OutputStream out = eventStream(exchange);
        for (Map<String, Object> event : events) {
            sendEvent(out, (String) event.get("type"), event);
        }
    }

    private static boolean endsWithToolResult(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (JsonNode content : messages.path(messages.size() - 1).path("content")) {
            if ("tool_result".equals(content.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The newest words of the user: of the last user message that holds text (not only tool
     * results), its last text block (Claude Code puts its reminders in front).
     */
    public static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode message : request.path("messages")) {
            if (!"user".equals(message.path("role").asText())) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                text = content.asText();
                continue;
            }
            for (JsonNode block : content) {
                if ("text".equals(block.path("type").asText())
                        && !block.path("text").asText().startsWith("<system-reminder>")) {
                    text = block.path("text").asText();
                }
            }
        }
        return text;
    }

    /** Every tool command the model asked for earlier in this request's conversation. */
    public static List<String> earlierCommands(JsonNode request) {
        List<String> commands = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if ("tool_use".equals(block.path("type").asText())) {
                    commands.add(block.path("input").path("command").asText());
                }
            }
        }
        return commands;
    }

    private static Map<String, Object> text(String text) {
        return Map.of("type", "text", "text", text);
    }

    /** One assistant message as Anthropic's stream events. */
    private List<Map<String, Object>> stream(List<Map<String, Object>> blocks, String stopReason) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Map.of(
                "type",
                "message_start",
                "message",
                Map.of(
                        "id",
                        "msg_scripted",
                        "type",
                        "message",
                        "role",
                        "assistant",
                        "model",
                        "scripted",
                        "content",
                        List.of(),
                        "usage",
                        Map.of("input_tokens", 10, "output_tokens", 1))));
        for (int i = 0; i < blocks.size(); i++) {
            Map<String, Object> block = blocks.get(i);
            if (block.get("type").equals("text")) {
                events.add(Map.of(
                        "type",
                        "content_block_start",
                        "index",
                        i,
                        "content_block",
                        Map.of("type", "text", "text", "")));
                events.add(Map.of(
                        "type",
                        "content_block_delta",
                        "index",
                        i,
                        "delta",
                        Map.of("type", "text_delta", "text", block.get("text"))));
            } else {
                events.add(Map.of(
                        "type",
                        "content_block_start",
                        "index",
                        i,
                        "content_block",
                        Map.of(
                                "type",
                                "tool_use",
                                "id",
                                block.get("id"),
                                "name",
                                block.get("name"),
                                "input",
                                Map.of())));
                events.add(Map.of(
                        "type",
                        "content_block_delta",
                        "index",
                        i,
                        "delta",
                        Map.of(
                                "type",
                                "input_json_delta",
                                "partial_json",
                                json.writeValueAsString(block.get("input")))));
            }
            events.add(Map.of("type", "content_block_stop", "index", i));
        }
        events.add(Map.of(
                "type",
                "message_delta",
                "delta",
                Map.of("stop_reason", stopReason),
                "usage",
                Map.of("output_tokens", 5)));
        events.add(Map.of("type", "message_stop"));
        return events;
    }
}
