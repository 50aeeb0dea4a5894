package dev.bosun.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

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
 * <p>Every request is recorded. Anything else gets a 404 and is printed to standard error.
 * Thread-safe.
 */
public final class ScriptedOpencodeModel implements AutoCloseable {

    /** The provider id in the config; {@code --model} is {@code PROVIDER/model}. */
    public static final String PROVIDER = "scripted";
    public static final String MODEL = "scripted-model";
    public static final String CALL_ID = "call_bosun_1";

    public record Request(String method, String path, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String command;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ScriptedOpencodeModel(String command) throws IOException {
        this.command = command;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts a model whose one tool call runs {@code command} in opencode's shell. */
    public static ScriptedOpencodeModel start(String command) {
        try {
            return new ScriptedOpencodeModel(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Writes an opencode.json at {@code file} whose provider {@link #PROVIDER} is this model. */
    public void writeConfig(Path file) {
        try {
            Files.createDirectories(file.getParent());
            ObjectNode config = json.createObjectNode().put("autoupdate", false).put("share", "disabled")
                    .put("model", PROVIDER + "/" + MODEL);
            ObjectNode provider = config.putObject("provider").putObject(PROVIDER)
                    .put("npm", "@ai-sdk/openai-compatible").put("name", "Bosun's scripted model");
            provider.putObject("options").put("baseURL", baseUrl()).put("apiKey", "test-key");
            provider.putObject("models").putObject(MODEL).put("name", "Scripted model").put("tool_call", true);
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The text of every user message in every request, in order. */
    public List<String> userTexts() {
        return messages().stream()
                .filter(message -> "user".equals(message.path("role").asText()))
                .map(ScriptedOpencodeModel::text)
                .toList();
    }

    /** The results of the scripted call that opencode sent back, in order. */
    public List<String> toolOutputs() {
        return messages().stream()
                .filter(ScriptedOpencodeModel::isScriptedCallResult)
                .map(ScriptedOpencodeModel::text)
                .toList();
    }

    private List<JsonNode> messages() {
        List<JsonNode> messages = new ArrayList<>();
        for (Request request : requests) {
            if (isChat(request)) {
                elements(parse(request.body()).path("messages")).forEach(messages::add);
            }
        }
        return messages;
    }

    private static boolean isChat(Request request) {
        return request.method().equals("POST") && request.path().equals("/v1/chat/completions");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
            requests.add(request);
            if (!isChat(request)) {
                System.err.println("ScriptedOpencodeModel: 404 for " + request.method() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            JsonNode chat = parse(body);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String id = "chatcmpl-" + requests.size();
            boolean toolRan = elements(chat.path("messages")).anyMatch(ScriptedOpencodeModel::isScriptedCallResult);
            if (chat.path("tools").isEmpty()) {
                send(out, chunk(id, json.createObjectNode().put("role", "assistant").put("content", "Scripted task"), null));
                send(out, chunk(id, json.createObjectNode(), "stop"));
            } else if (toolRan) {
                send(out, chunk(id, json.createObjectNode().put("role", "assistant").put("content", "done"), null));
                send(out, chunk(id, json.createObjectNode(), "stop"));
            } else {
                ObjectNode delta = json.createObjectNode().put("role", "assistant");
                delta.putArray("tool_calls").addObject().put("index", 0).put("id", CALL_ID).put("type", "function")
                        .putObject("function").put("name", "bash")
                        .put("arguments", json.writeValueAsString(Map.of("command", command, "description", "Bosun's scripted command")));
                send(out, chunk(id, delta, null));
                send(out, chunk(id, json.createObjectNode(), "tool_calls"));
            }
            ObjectNode usage = json.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", 1).put("model", MODEL);
            usage.putArray("choices");
            usage.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 10).put("total_tokens", 110);
            send(out, usage);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private ObjectNode chunk(String id, ObjectNode delta, String finishReason) {
        ObjectNode chunk = json.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", 1).put("model", MODEL);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private void send(OutputStream out, ObjectNode event) throws IOException {
        out.write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
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
        return "tool".equals(message.path("role").asText()) && CALL_ID.equals(message.path("tool_call_id").asText());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
