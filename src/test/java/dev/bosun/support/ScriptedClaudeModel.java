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
 * that streams (SSE) what a script decides. The script gives, for the turn's newest user text
 * (Bosun's prompt), the tool calls the model asks for, one per answer; Claude Code executes each
 * itself ({@code Bash}, {@code Write}, ...) and asks again with its {@code tool_result}; once every
 * call since that user text has been made, the answer is the final text {@code done}. Deciding by
 * the request's content rather than by counting requests keeps the CLI's retries harmless. A
 * resumed conversation (Bosun's fix turn with {@code --resume}) arrives with the earlier turns in
 * front, so the script reads the newest user text. Requests without tools (Claude Code's own
 * small side queries) get a short text. Every request body is kept for assertions.
 *
 * <p>Every answer reports the same {@link #USAGE} as the real API does: {@code message_start}
 * carries the input tokens (uncached, cache writes, cache reads), {@code message_delta} the
 * output tokens of the whole message. Claude Code 2.1.328 sums them over the turn's answers into
 * its result's {@code usage}.
 */
public final class ScriptedClaudeModel extends ScriptedModelServer {

    /** What every answer of this model reports having used. */
    public static final Usage USAGE = new Usage(120, 30, 400, 17);

    /**
     * Tokens one answer reports, as the Messages API splits them.
     *
     * @param inputTokens              uncached input ({@code input_tokens})
     * @param cacheCreationInputTokens input written to the prompt cache
     * @param cacheReadInputTokens     input read from the prompt cache
     * @param outputTokens             tokens of the answer ({@code message_delta}'s {@code output_tokens})
     */
    public record Usage(int inputTokens, int cacheCreationInputTokens, int cacheReadInputTokens, int outputTokens) {
        /** Everything read: what Bosun counts as a turn's input tokens. */
        public int allInputTokens() {
            return inputTokens + cacheCreationInputTokens + cacheReadInputTokens;
        }
    }

    /** One tool call the model asks Claude Code to make: a tool's name and its input. */
    public record ToolCall(String name, Map<String, Object> input) {
        public ToolCall {
            input = Map.copyOf(input);
        }

        /** Claude Code's shell tool. */
        public static ToolCall bash(String command) {
            return new ToolCall("Bash", Map.of("command", command, "description", "scripted step"));
        }

        /** Claude Code's file writing tool ({@code path} relative to the turn's folder). */
        public static ToolCall write(String path, String content) {
            return new ToolCall("Write", Map.of("file_path", path, "content", content));
        }
    }

    private final Function<String, List<ToolCall>> callsForPrompt;

    /**
     * A model that asks for one shell command per turn.
     *
     * @param commandForPrompt the shell command the model asks Claude Code to run, given the turn's
     *                         newest user text (Bosun's prompt)
     */
    public ScriptedClaudeModel(Function<String, String> commandForPrompt) {
        this.callsForPrompt = prompt -> List.of(ToolCall.bash(commandForPrompt.apply(prompt)));
    }

    private ScriptedClaudeModel(Script script) {
        this.callsForPrompt = script;
    }

    /** A type of its own, so this constructor's erasure differs from the public one's. */
    private interface Script extends Function<String, List<ToolCall>> {}

    /**
     * A model that asks for several tool calls per turn, one answer each, in order.
     *
     * @param callsForPrompt the calls, given the turn's newest user text (Bosun's prompt)
     */
    public static ScriptedClaudeModel withToolCalls(Function<String, List<ToolCall>> callsForPrompt) {
        return new ScriptedClaudeModel((Script) callsForPrompt::apply);
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
        } else {
            List<ToolCall> calls = callsForPrompt.apply(lastUserText(request));
            int made = callsSinceLastUserText(request);
            if (made >= calls.size()) {
                events = stream(List.of(text("done")), "end_turn");
            } else {
                ToolCall call = calls.get(made);
                events = stream(
                        List.of(Map.of(
                                "type",
                                "tool_use",
                                "id",
                                "toolu_" + requests().size(),
                                "name",
                                call.name(),
                                "input",
                                call.input())),
                        "tool_use");
            }
        }
        OutputStream out = eventStream(exchange);
        for (Map<String, Object> event : events) {
            sendEvent(out, (String) event.get("type"), event);
        }
    }

    /** How many tool calls the assistant made after the user's newest words: the script's progress. */
    private static int callsSinceLastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        int calls = 0;
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText()) && hasUserText(message)) {
                calls = 0;
            } else if ("assistant".equals(message.path("role").asText())) {
                for (JsonNode block : message.path("content")) {
                    if ("tool_use".equals(block.path("type").asText())) {
                        calls++;
                    }
                }
            }
        }
        return calls;
    }

    private static boolean hasUserText(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return true;
        }
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())
                    && !block.path("text").asText().startsWith("<system-reminder>")) {
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
                        Map.of(
                                "input_tokens",
                                USAGE.inputTokens(),
                                "cache_creation_input_tokens",
                                USAGE.cacheCreationInputTokens(),
                                "cache_read_input_tokens",
                                USAGE.cacheReadInputTokens(),
                                "output_tokens",
                                1))));
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
                Map.of("output_tokens", USAGE.outputTokens())));
        events.add(Map.of("type", "message_stop"));
        return events;
    }
}
