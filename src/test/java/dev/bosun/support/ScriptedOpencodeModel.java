package dev.bosun.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A model for the real opencode CLI (opencode-ai 1.18.33) to talk to: an OpenAI-compatible Chat
 * Completions API on 127.0.0.1 with a two-step script per turn. A request with tools whose
 * messages hold no result of a scripted call after the newest user message gets one {@code bash}
 * tool call running the command chosen for that message; once opencode sends that call's result
 * back (a {@code tool} message), the answer is the text {@code done}, which ends the turn. A
 * continued session (a fix turn) arrives with the earlier turns in front and gets its own call. A
 * request without tools is opencode's session-title request and gets a title. Deciding by the
 * request's content keeps retries harmless. Every answer reports {@link #INPUT_TOKENS} prompt
 * tokens ({@link #CACHED_TOKENS} of them cached) and {@link #OUTPUT_TOKENS} completion tokens
 * ({@link #REASONING_TOKENS} of them reasoning); the config prices the model
 * ({@link #INPUT_PRICE}, {@link #CACHE_READ_PRICE} and {@link #OUTPUT_PRICE} USD per million
 * tokens), so opencode states a cost.
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
    /** Every scripted call's id starts so; the rest is the number of the request that made it. */
    public static final String CALL_ID = "call_bosun_";

    public static final int INPUT_TOKENS = 100;
    public static final int CACHED_TOKENS = 40;
    public static final int OUTPUT_TOKENS = 10;
    public static final int REASONING_TOKENS = 2;
    public static final int INPUT_PRICE = 3;
    public static final int CACHE_READ_PRICE = 1;
    public static final int OUTPUT_PRICE = 15;

    private final Function<String, String> commandForPrompt;

    private ScriptedOpencodeModel(Function<String, String> commandForPrompt) {
        this.commandForPrompt = commandForPrompt;
    }

    /** Starts a model whose one tool call per turn runs {@code command} in opencode's shell. */
    public static ScriptedOpencodeModel start(String command) {
        return new ScriptedOpencodeModel(prompt -> command);
    }

    /** Starts a model whose tool call runs the command chosen for the turn's newest user text. */
    public static ScriptedOpencodeModel start(Function<String, String> commandForPrompt) {
        return new ScriptedOpencodeModel(commandForPrompt);
    }

    /** What opencode computes for one answer from the config's price (USD per million tokens). */
    public static BigDecimal costPerAnswer() {
        long uncached = INPUT_TOKENS - CACHED_TOKENS;
        return BigDecimal.valueOf(
                        uncached * INPUT_PRICE + CACHED_TOKENS * CACHE_READ_PRICE + OUTPUT_TOKENS * OUTPUT_PRICE)
                .movePointLeft(6);
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
                    .put("tool_call", true)
                    .putObject("cost")
                    .put("input", INPUT_PRICE)
                    .put("output", OUTPUT_PRICE)
                    .put("cache_read", CACHE_READ_PRICE);
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

    /** The bodies of the requests whose newest user message contains {@code text}, in order. */
    public List<JsonNode> requestsAnswering(String text) {
        return answeredBodies().stream()
                .filter(body -> lastUserText(body).contains(text))
                .toList();
    }

    /** The texts of a request's user messages and its scripted calls' results, in order. */
    public static List<String> conversation(JsonNode body) {
        return elements(body.path("messages"))
                .filter(message -> "user".equals(message.path("role").asText()) || isScriptedCallResult(message))
                .map(ScriptedOpencodeModel::text)
                .toList();
    }

    private static String lastUserText(JsonNode body) {
        return elements(body.path("messages"))
                .filter(message -> "user".equals(message.path("role").asText()))
                .map(ScriptedOpencodeModel::text)
                .reduce((first, second) -> second)
                .orElse("");
    }

    /** Whether a scripted call's result came after the newest user message: this turn's call ran. */
    private static boolean toolRanThisTurn(JsonNode body) {
        boolean ran = false;
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                ran = false;
            } else if (isScriptedCallResult(message)) {
                ran = true;
            }
        }
        return ran;
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
        boolean toolRan = toolRanThisTurn(chat);
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
                    .put("id", CALL_ID + requests().size())
                    .put("type", "function")
                    .putObject("function")
                    .put("name", "bash")
                    .put(
                            "arguments",
                            json.writeValueAsString(Map.of(
                                    "command",
                                    commandForPrompt.apply(lastUserText(chat)),
                                    "description",
                                    "Bosun's scripted command")));
            sendEvent(out, null, chunk(id, delta, null));
            sendEvent(out, null, chunk(id, json.createObjectNode(), "tool_calls"));
        }
        ObjectNode usage = json.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", 1)
                .put("model", MODEL);
        usage.putArray("choices");
        ObjectNode tokens = usage.putObject("usage")
                .put("prompt_tokens", INPUT_TOKENS)
                .put("completion_tokens", OUTPUT_TOKENS)
                .put("total_tokens", INPUT_TOKENS + OUTPUT_TOKENS);
        tokens.putObject("prompt_tokens_details").put("cached_tokens", CACHED_TOKENS);
        tokens.putObject("completion_tokens_details").put("reasoning_tokens", REASONING_TOKENS);
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
                && message.path("tool_call_id").asText().startsWith(CALL_ID);
    }
}
