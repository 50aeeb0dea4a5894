package dev.bosun.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The model behind a real Claude Code binary in tests: an Anthropic Messages API on 127.0.0.1
 * that streams (SSE) what a script decides. Claude Code executes the {@code tool_use} blocks
 * itself ({@code Bash} here), then asks again with the {@code tool_result}; the answer to a
 * tool result is a final text. A resumed conversation (Bosun's fix turn with {@code --resume})
 * arrives with the earlier turns in front, so the script reads the newest user text. Requests
 * without tools (Claude Code's own small side queries) get a short text. Every request body is
 * kept for assertions.
 */
public final class ScriptedClaudeModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Function<String, String> commandForPrompt;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    /**
     * @param commandForPrompt the shell command the model asks Claude Code to run, given the turn's
     *                         newest user text (Bosun's prompt)
     */
    public ScriptedClaudeModel(Function<String, String> commandForPrompt) throws IOException {
        this.commandForPrompt = commandForPrompt;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Bodies of the {@code /v1/messages} requests that carried tools (the agent's own turns). */
    public List<JsonNode> agentRequests() {
        return requests.stream().filter(r -> r.path("tools").size() > 0).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.equals("/v1/messages")) {
                respond(exchange, 404, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\"}}");
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            respond(exchange, 200, "text/event-stream", answer(request));
        }
    }

    private String answer(JsonNode request) throws IOException {
        if (request.path("tools").isEmpty()) {
            return stream(List.of(text("ok")), "end_turn");
        }
        if (endsWithToolResult(request)) {
            return stream(List.of(text("done")), "end_turn");
        }
        String command = commandForPrompt.apply(lastUserText(request));
        return stream(List.of(Map.of("type", "tool_use", "id", "toolu_" + requests.size(), "name", "Bash",
                "input", Map.of("command", command, "description", "scripted step"))), "tool_use");
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
                if ("text".equals(block.path("type").asText()) && !block.path("text").asText().startsWith("<system-reminder>")) {
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
    private static String stream(List<Map<String, Object>> blocks, String stopReason) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Map.of("type", "message_start", "message", Map.of("id", "msg_scripted", "type", "message",
                "role", "assistant", "model", "scripted", "content", List.of(),
                "usage", Map.of("input_tokens", 10, "output_tokens", 1))));
        for (int i = 0; i < blocks.size(); i++) {
            Map<String, Object> block = blocks.get(i);
            if (block.get("type").equals("text")) {
                events.add(Map.of("type", "content_block_start", "index", i, "content_block", Map.of("type", "text", "text", "")));
                events.add(Map.of("type", "content_block_delta", "index", i,
                        "delta", Map.of("type", "text_delta", "text", block.get("text"))));
            } else {
                events.add(Map.of("type", "content_block_start", "index", i, "content_block",
                        Map.of("type", "tool_use", "id", block.get("id"), "name", block.get("name"), "input", Map.of())));
                events.add(Map.of("type", "content_block_delta", "index", i,
                        "delta", Map.of("type", "input_json_delta", "partial_json", JSON.writeValueAsString(block.get("input")))));
            }
            events.add(Map.of("type", "content_block_stop", "index", i));
        }
        events.add(Map.of("type", "message_delta", "delta", Map.of("stop_reason", stopReason),
                "usage", Map.of("output_tokens", 5)));
        events.add(Map.of("type", "message_stop"));
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> event : events) {
            out.append("event: ").append(event.get("type")).append('\n')
                    .append("data: ").append(JSON.writeValueAsString(event)).append("\n\n");
        }
        return out.toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
