package dev.bosun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A model for the real Gemini CLI (0.61.0) to talk to: the Gemini API's
 * {@code streamGenerateContent} on 127.0.0.1 with a two-step script per turn. A request whose
 * {@code contents} hold no {@code functionResponse} after the newest user text gets one
 * {@code run_shell_command} function call running the command chosen for that text; once the CLI
 * sends that call's result back, the answer is the text {@code done}, which ends the turn. A
 * resumed session (a fix turn) arrives with the earlier turns in front and gets its own call.
 * Deciding by the request's content rather than by counting keeps retries harmless. Every
 * answer reports {@link #INPUT_TOKENS} prompt and {@link #OUTPUT_TOKENS} candidate tokens.
 *
 * <p>What Gemini CLI 0.61.0 needs, measured against the binary: {@code GOOGLE_GEMINI_BASE_URL}
 * (plain http is allowed for 127.0.0.1) with {@code GEMINI_API_KEY}, and the auth type
 * {@code gemini-api-key} chosen in {@code $GEMINI_CLI_HOME/.gemini/settings.json}
 * ({@link #writeSettings}): from the base URL alone it infers the auth type "gateway", which its
 * non-interactive check rejects ("Invalid auth method selected."). With {@code --model M} it
 * {@code POST}s {@code /v1beta/models/M:streamGenerateContent?alt=sse} (the key in
 * {@code x-goog-api-key}) and reads Server-Sent Events whose {@code data:} lines are
 * {@code GenerateContentResponse} JSON; it sent nothing else (no routing or token-count calls).
 *
 * <p>Every request is recorded; anything else gets a 404.
 */
public final class ScriptedGeminiModel extends ScriptedModelServer {

    public static final int INPUT_TOKENS = 100;
    public static final int OUTPUT_TOKENS = 10;

    private final Function<String, String> commandForPrompt;

    private ScriptedGeminiModel(Function<String, String> commandForPrompt) {
        this.commandForPrompt = commandForPrompt;
    }

    /** Starts a model whose one tool call per turn runs {@code command} in the CLI's shell. */
    public static ScriptedGeminiModel start(String command) {
        return new ScriptedGeminiModel(prompt -> command);
    }

    /** Starts a model whose tool call runs the command chosen for the turn's newest user text. */
    public static ScriptedGeminiModel start(Function<String, String> commandForPrompt) {
        return new ScriptedGeminiModel(commandForPrompt);
    }

    /** The bodies of the requests whose newest user text contains {@code text}, in order. */
    public List<JsonNode> requestsAnswering(String text) {
        return answeredBodies().stream()
                .filter(body -> lastUserText(body).contains(text))
                .toList();
    }

    /** The texts of a request's user parts and its shell results' outputs, in order. */
    public static List<String> conversation(JsonNode body) {
        return elements(body.path("contents"))
                .flatMap(content -> elements(content.path("parts")))
                .filter(part -> part.has("text") || isShellResult(part.path("functionResponse")))
                .map(part -> part.has("text")
                        ? part.path("text").asText()
                        : part.path("functionResponse")
                                .path("response")
                                .path("output")
                                .asText())
                .toList();
    }

    private static String lastUserText(JsonNode body) {
        return elements(body.path("contents"))
                .filter(content -> "user".equals(content.path("role").asText()))
                .flatMap(content -> elements(content.path("parts")))
                .filter(part -> part.has("text"))
                .map(part -> part.path("text").asText())
                .reduce((first, second) -> second)
                .orElse("");
    }

    /** Whether a shell result came after the newest user text: this turn's call ran. */
    private static boolean toolRanThisTurn(JsonNode body) {
        boolean ran = false;
        for (JsonNode content : body.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                if ("user".equals(content.path("role").asText()) && part.has("text")) {
                    ran = false;
                } else if (isShellResult(part.path("functionResponse"))) {
                    ran = true;
                }
            }
        }
        return ran;
    }

    /** For {@code GOOGLE_GEMINI_BASE_URL}. */
    public String baseUrl() {
        return origin();
    }

    /** Writes {@code geminiCliHome/.gemini/settings.json} choosing API-key auth (see the class comment). */
    public void writeSettings(Path geminiCliHome) {
        try {
            Path settings = geminiCliHome.resolve(".gemini/settings.json");
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, """
                    {"security": {"auth": {"selectedType": "gemini-api-key"}}}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every text part of every user turn in every request, in order. */
    public List<String> userTexts() {
        return contents()
                .filter(content -> "user".equals(content.path("role").asText()))
                .flatMap(content -> elements(content.path("parts")))
                .filter(part -> part.has("text"))
                .map(part -> part.path("text").asText())
                .toList();
    }

    /** The {@code output} of every {@code run_shell_command} result the CLI sent back, in order. */
    public List<String> toolOutputs() {
        return contents()
                .flatMap(content -> elements(content.path("parts")))
                .map(part -> part.path("functionResponse"))
                .filter(ScriptedGeminiModel::isShellResult)
                .map(response -> response.path("response").path("output").asText())
                .toList();
    }

    private Stream<JsonNode> contents() {
        return answeredBodies().stream().flatMap(body -> elements(body.path("contents")));
    }

    @Override
    protected boolean answers(Request request) {
        return request.method().equals("POST")
                && request.path().startsWith("/v1beta/models/")
                && request.path().endsWith(":streamGenerateContent");
    }

    @Override
    protected void answer(HttpExchange exchange, JsonNode body) throws IOException {
        ObjectNode part = json.createObjectNode();
        if (toolRanThisTurn(body)) {
            part.put("text", "done");
        } else {
            part.putObject("functionCall")
                    .put("name", "run_shell_command")
                    .putObject("args")
                    .put("command", commandForPrompt.apply(lastUserText(body)));
        }
        ObjectNode chunk = json.createObjectNode();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        content.putArray("parts").add(part);
        candidate.put("finishReason", "STOP").put("index", 0);
        chunk.putObject("usageMetadata")
                .put("promptTokenCount", INPUT_TOKENS)
                .put("candidatesTokenCount", OUTPUT_TOKENS)
                .put("totalTokenCount", INPUT_TOKENS + OUTPUT_TOKENS);
        chunk.put("modelVersion", "scripted-model");
        sendEvent(eventStream(exchange), null, chunk);
    }

    private static boolean isShellResult(JsonNode functionResponse) {
        return "run_shell_command".equals(functionResponse.path("name").asText());
    }
}
