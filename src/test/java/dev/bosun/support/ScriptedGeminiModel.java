package dev.bosun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A model for the real Gemini CLI (0.61.0) to talk to: the Gemini API's
 * {@code streamGenerateContent} on 127.0.0.1 with a two-step script. A request whose
 * {@code contents} hold no {@code functionResponse} gets one {@code run_shell_command} function
 * call running {@code command}; once the CLI sends that call's result back, the answer is the
 * text {@code done}, which ends the turn. Deciding by the request's content rather than by
 * counting keeps retries harmless.
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

    private final String command;

    private ScriptedGeminiModel(String command) {
        this.command = command;
    }

    /** Starts a model whose one tool call runs {@code command} in the CLI's shell. */
    public static ScriptedGeminiModel start(String command) {
        return new ScriptedGeminiModel(command);
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
        boolean toolRan = elements(body.path("contents"))
                .flatMap(content -> elements(content.path("parts")))
                .anyMatch(part -> isShellResult(part.path("functionResponse")));
        ObjectNode part = json.createObjectNode();
        if (toolRan) {
            part.put("text", "done");
        } else {
            part.putObject("functionCall")
                    .put("name", "run_shell_command")
                    .putObject("args")
                    .put("command", command);
        }
        ObjectNode chunk = json.createObjectNode();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        content.putArray("parts").add(part);
        candidate.put("finishReason", "STOP").put("index", 0);
        chunk.putObject("usageMetadata")
                .put("promptTokenCount", 100)
                .put("candidatesTokenCount", 10)
                .put("totalTokenCount", 110);
        chunk.put("modelVersion", "scripted-model");
        sendEvent(eventStream(exchange), null, chunk);
    }

    private static boolean isShellResult(JsonNode functionResponse) {
        return "run_shell_command".equals(functionResponse.path("name").asText());
    }
}
