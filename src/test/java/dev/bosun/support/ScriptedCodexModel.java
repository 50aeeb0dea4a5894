package dev.bosun.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A model for the real Codex CLI (codex-cli 0.169.0) to talk to: an OpenAI Responses API on
 * 127.0.0.1 with a two-step script per turn. A request whose input holds no output of a scripted
 * call after its newest user message gets one {@code exec_command} function call running the
 * command chosen for that message; once Codex sends that call's output back, the answer is the
 * assistant message {@code done}, which ends the turn. A resumed conversation (a fix turn) arrives
 * with the earlier turns in front and gets its own call. Deciding by the request's content rather
 * than by counting keeps Codex's retries harmless. Every answer reports {@link #INPUT_TOKENS}
 * input tokens ({@link #CACHED_TOKENS} of them cached) and {@link #OUTPUT_TOKENS} output tokens.
 *
 * <p>What Codex 0.169.0 needs, measured against the binary: it {@code POST}s
 * {@code /v1/responses} with {@code "stream": true} and reads Server-Sent Events by the JSON
 * {@code type} of each {@code data:} line (an {@code event:} line is optional). Only
 * {@code response.output_item.done} (an item is acted on when it is done; {@code .added} alone
 * is ignored) and a final {@code response.completed} whose {@code response} has an {@code id}
 * are required; without that event, or with an empty {@code response}, Codex reports "stream
 * closed before response.completed" and retries five times. {@code usage} there becomes
 * {@code turn.completed}'s usage with {@code --json} ("tokens used" without), summed over the
 * thread: a resumed thread's count includes its earlier turns. Chunked HTTP/1.1 streaming works. This server also sends
 * {@code response.created} and {@code response.output_item.added}, as the real API does.
 *
 * <p>Every request is recorded; anything other than {@code POST /v1/responses} gets a 404.
 */
public final class ScriptedCodexModel extends ScriptedModelServer {

    /** The variable config.toml's {@code env_key} names; Codex sends its value as the bearer token. */
    public static final String KEY_VARIABLE = "BOSUN_SCRIPTED_MODEL_KEY";

    /** Every scripted call's id starts so; the rest is the number of the request that made it. */
    public static final String CALL_ID = "call_bosun_";

    public static final int INPUT_TOKENS = 100;
    public static final int CACHED_TOKENS = 40;
    public static final int OUTPUT_TOKENS = 10;

    private final Function<String, String> commandForPrompt;

    private ScriptedCodexModel(Function<String, String> commandForPrompt) {
        this.commandForPrompt = commandForPrompt;
    }

    /** Starts a model whose one tool call per turn runs {@code command} in Codex's shell. */
    public static ScriptedCodexModel start(String command) {
        return new ScriptedCodexModel(prompt -> command);
    }

    /** Starts a model whose tool call runs the command chosen for the turn's newest user text. */
    public static ScriptedCodexModel start(Function<String, String> commandForPrompt) {
        return new ScriptedCodexModel(commandForPrompt);
    }

    public String baseUrl() {
        return origin() + "/v1";
    }

    /** Writes {@code codexHome/config.toml} that points Codex at this model (Codex ignores OPENAI_BASE_URL). */
    public void writeConfig(Path codexHome) {
        try {
            Files.createDirectories(codexHome);
            Files.writeString(codexHome.resolve("config.toml"), """
                    model_provider = "scripted"

                    [model_providers.scripted]
                    name = "Bosun's scripted model"
                    base_url = "%s"
                    env_key = "%s"
                    wire_api = "responses"
                    """.formatted(baseUrl(), KEY_VARIABLE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of every user message in every {@code /v1/responses} request, in order. */
    public List<String> userTexts() {
        return inputItems()
                .filter(item -> "message".equals(item.path("type").asText())
                        && "user".equals(item.path("role").asText()))
                .flatMap(item -> elements(item.path("content")))
                .map(content -> content.path("text").asText())
                .toList();
    }

    /** The outputs of the scripted call that Codex sent back, in order. */
    public List<String> toolOutputs() {
        return inputItems()
                .filter(ScriptedCodexModel::isScriptedCallOutput)
                .map(item -> item.path("output").asText())
                .toList();
    }

    /** The bodies of the requests whose newest user message contains {@code text}, in order. */
    public List<JsonNode> requestsAnswering(String text) {
        return answeredBodies().stream()
                .filter(body -> lastUserText(body).contains(text))
                .toList();
    }

    /** The texts of a request's user messages and its scripted calls' outputs, in order. */
    public static List<String> conversation(JsonNode body) {
        return elements(body.path("input"))
                .filter(item -> isUserMessage(item) || isScriptedCallOutput(item))
                .map(item ->
                        isUserMessage(item) ? text(item) : item.path("output").asText())
                .toList();
    }

    private Stream<JsonNode> inputItems() {
        return answeredBodies().stream().flatMap(body -> elements(body.path("input")));
    }

    private static boolean isUserMessage(JsonNode item) {
        return "message".equals(item.path("type").asText())
                && "user".equals(item.path("role").asText());
    }

    private static String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        message.path("content")
                .forEach(content -> text.append(content.path("text").asText()));
        return text.toString();
    }

    private static String lastUserText(JsonNode body) {
        return elements(body.path("input"))
                .filter(ScriptedCodexModel::isUserMessage)
                .map(ScriptedCodexModel::text)
                .reduce((first, second) -> second)
                .orElse("");
    }

    /** Whether a scripted call's output came after the newest user message: this turn's call ran. */
    private static boolean toolRanThisTurn(JsonNode body) {
        List<JsonNode> input = elements(body.path("input")).toList();
        boolean ran = false;
        for (JsonNode item : input) {
            if (isUserMessage(item)) {
                ran = false;
            } else if (isScriptedCallOutput(item)) {
                ran = true;
            }
        }
        return ran;
    }

    @Override
    protected boolean answers(Request request) {
        return request.method().equals("POST") && request.path().equals("/v1/responses");
    }

    @Override
    protected void answer(HttpExchange exchange, JsonNode body) throws IOException {
        ObjectNode item = toolRanThisTurn(body)
                ? message("done")
                : execCommand(
                        commandForPrompt.apply(lastUserText(body)),
                        CALL_ID + requests().size());
        String responseId = "resp_" + requests().size();
        OutputStream out = eventStream(exchange);
        ObjectNode created = json.createObjectNode().put("type", "response.created");
        created.putObject("response").put("id", responseId).put("status", "in_progress");
        send(out, created);
        send(
                out,
                json.createObjectNode()
                        .put("type", "response.output_item.added")
                        .put("output_index", 0)
                        .set("item", item));
        send(
                out,
                json.createObjectNode()
                        .put("type", "response.output_item.done")
                        .put("output_index", 0)
                        .set("item", item));
        ObjectNode completed = json.createObjectNode().put("type", "response.completed");
        ObjectNode response =
                completed.putObject("response").put("id", responseId).put("status", "completed");
        ObjectNode usage = response.putObject("usage")
                .put("input_tokens", INPUT_TOKENS)
                .put("output_tokens", OUTPUT_TOKENS)
                .put("total_tokens", INPUT_TOKENS + OUTPUT_TOKENS);
        usage.putObject("input_tokens_details").put("cached_tokens", CACHED_TOKENS);
        send(out, completed);
    }

    private void send(OutputStream out, ObjectNode event) throws IOException {
        sendEvent(out, event.path("type").asText(), event);
    }

    private ObjectNode execCommand(String cmd, String callId) throws IOException {
        return json.createObjectNode()
                .put("type", "function_call")
                .put("id", "fc_" + callId)
                .put("call_id", callId)
                .put("name", "exec_command")
                .put("status", "completed")
                .put("arguments", json.writeValueAsString(Map.of("cmd", cmd)));
    }

    private ObjectNode message(String text) {
        ObjectNode item = json.createObjectNode()
                .put("type", "message")
                .put("id", "msg_bosun_1")
                .put("role", "assistant")
                .put("status", "completed");
        ArrayNode content = item.putArray("content");
        content.addObject().put("type", "output_text").put("text", text).putArray("annotations");
        return item;
    }

    private static boolean isScriptedCallOutput(JsonNode item) {
        return "function_call_output".equals(item.path("type").asText())
                && item.path("call_id").asText().startsWith(CALL_ID);
    }
}
