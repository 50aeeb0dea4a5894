package dev.bosun.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A model for the real opencode CLI (opencode-ai 1.18.33) to talk to: an OpenAI-compatible Chat
 * Completions API on 127.0.0.1 with a two-step script. A request with tools whose messages hold
 * no result of the scripted call gets one {@code bash} tool call running {@code command}; once
 * opencode sends that call's result back (a {@code tool} message), the answer is the text
 * {@code done}, which ends the turn. A request without tools is opencode's session-title request
 * and gets a title. Deciding by the request's content keeps retries harmless.
 *
 * <p>What opencode 1.18.33 needs, measured against the binary: a custom provider in the file
 * {@code OPENCODE_CONFIG} names ({@link #writeConfig}) with {@code "npm":
 * "@ai-sdk/openai-compatible"} (bundled in the binary, not fetched) and {@code options.baseURL};
 * it {@code POST}s {@code /v1/chat/completions} with {@code "stream": true} and reads
 * {@code chat.completion.chunk} Server-Sent Events up to {@code data: [DONE]}; a tool call comes
 * whole in one {@code delta.tool_calls} chunk, then {@code finish_reason: "tool_calls"}.
 *
 * <p>Every request is recorded; anything else gets a 404.
 */
public final class ScriptedOpencodeModel extends ScriptedModelServer {

    /** The provider id in the config; {@code --model} is {@code PROVIDER/model}. */
    public static final String PROVIDER = "scripted";

    public static final String MODEL = "scripted-model";
    public static final String CALL_ID = "call_bosun_1";

    private final String command;

    private ScriptedOpencodeModel(String command) {
        this.command = command;
    }

    /** Starts a model whose one tool call runs {@code command} in opencode's shell. */
    public static ScriptedOpencodeModel start(String command) {
        return new ScriptedOpencodeModel(command);
    }

    public String baseUrl() {
        return origin() + "/v1";
    }

    /** Writes an opencode.json at {@code file} whose provider {@link #PROVIDER} is this model. */
    public void writeConfig(Path file) {
        try {
            Files.createDirectories(file.getParent());
            ObjectNode config = json.createObjectNode()
                    .put("autoupdate", false)
                    .put("share", "disabled")
                    .put("model", PROVIDER + "/" + MODEL);
            ObjectNode provider = config.putObject("provider")
                    .putObject(PROVIDER)
                    .put("npm", "@ai-sdk/openai-compatible")
                    .put("name", "Bosun's scripted model");
            provider.putObject("options").put("baseURL", baseUrl()).put("apiKey", "test-key");
            provider.putObject("models")
                    .putObject(MODEL)
                    .put("name", "Scripted model")
                    .put("tool_call", true);
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of every user message in every request, in order. */
    public List<String> userTexts() {
        return messages()
                .filter(message -> "user".equals(message.path("role").asText()))
                .map(ScriptedOpencodeModel::text)
                .toList();
    }

    /** The results of the scripted call that opencode sent back, in order. */
    public List<String> toolOutputs() {
        return messages()
                .filter(ScriptedOpencodeModel::isScriptedCallResult)
                .map(ScriptedOpencodeModel::text)
                .toList();
    }

    private Stream<JsonNode> messages() {
        return answeredBodies().stream().flatMap(body -> elements(body.path("messages")));
    }

    @Override
    protected boolean answers(Request request) {
        return request.method().equals("POST") && request.path().equals("/v1/chat/completions");
    }

    @Override
    protected void answer(HttpExchange exchange, JsonNode chat) throws IOException {
        OutputStream out = eventStream(exchange);
        String id = "chatcmpl-" + requests().size();
        boolean toolRan = elements(chat.path("messages")).anyMatch(ScriptedOpencodeModel::isScriptedCallResult);
        if (chat.path("tools").isEmpty()) {
            sendEvent(
                    out,
                    null,
                    chunk(id, json.createObjectNode().put("role", "assistant").put("content", "Scripted task"), null));
            sendEvent(out, null, chunk(id, json.createObjectNode(), "stop"));
        } else if (toolRan) {
            sendEvent(
                    out,
                    null,
                    chunk(id, json.createObjectNode().put("role", "assistant").put("content", "done"), null));
            sendEvent(out, null, chunk(id, json.createObjectNode(), "stop"));
        } else {
            ObjectNode delta = json.createObjectNode().put("role", "assistant");
            delta.putArray("tool_calls")
                    .addObject()
                    .put("index", 0)
                    .put("id", CALL_ID)
                    .put("type", "function")
                    .putObject("function")
                    .put("name", "bash")
                    .put(
                            "arguments",
                            json.writeValueAsString(
                                    Map.of("command", command, "description", "Bosun's scripted command")));
            sendEvent(out, null, chunk(id, delta, null));
            sendEvent(out, null, chunk(id, json.createObjectNode(), "tool_calls"));
        }
        ObjectNode usage = json.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", 1)
                .put("model", MODEL);
        usage.putArray("choices");
        usage.putObject("usage")
                .put("prompt_tokens", 100)
                .put("completion_tokens", 10)
                .put("total_tokens", 110);
        sendEvent(out, null, usage);
        sendEvent(out, null, "[DONE]");
    }

    private ObjectNode chunk(String id, ObjectNode delta, String finishReason) {
        ObjectNode chunk = json.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", 1)
                .put("model", MODEL);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    /** A message's content: a string, or the texts of its parts. */
    private static String text(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }

    private static boolean isScriptedCallResult(JsonNode message) {
        return "tool".equals(message.path("role").asText())
                && CALL_ID.equals(message.path("tool_call_id").asText());
    }
}
