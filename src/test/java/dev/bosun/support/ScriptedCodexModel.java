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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A model for the real Codex CLI (codex-cli 0.169.0) to talk to: an OpenAI Responses API on
 * 127.0.0.1 with a two-step script. A request whose input holds no output of the scripted call
 * gets one {@code exec_command} function call running {@code command}; once Codex sends that
 * call's output back, the answer is the assistant message {@code done}, which ends the turn.
 * Deciding by the request's content rather than by counting keeps Codex's retries harmless.
 *
 * <p>What Codex 0.169.0 needs, measured against the binary: it {@code POST}s
 * {@code /v1/responses} with {@code "stream": true} and reads Server-Sent Events by the JSON
 * {@code type} of each {@code data:} line (an {@code event:} line is optional). Only
 * {@code response.output_item.done} (an item is acted on when it is done; {@code .added} alone
 * is ignored) and a final {@code response.completed} whose {@code response} has an {@code id}
 * are required; without that event, or with an empty {@code response}, Codex reports "stream
 * closed before response.completed" and retries five times. {@code usage} there becomes
 * "tokens used". Chunked HTTP/1.1 streaming works. This server also sends
 * {@code response.created} and {@code response.output_item.added}, as the real API does.
 *
 * <p>Every request is recorded. Anything other than {@code POST /v1/responses} gets a 404 and
 * is printed to standard error. Thread-safe.
 */
public final class ScriptedCodexModel implements AutoCloseable {

    /** The variable config.toml's {@code env_key} names; Codex sends its value as the bearer token. */
    public static final String KEY_VARIABLE = "BOSUN_SCRIPTED_MODEL_KEY";
    public static final String CALL_ID = "call_bosun_1";

    public record Request(String method, String path, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String command;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ScriptedCodexModel(String command) throws IOException {
        this.command = command;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts a model whose one tool call runs {@code command} in Codex's shell. */
    public static ScriptedCodexModel start(String command) {
        try {
            return new ScriptedCodexModel(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
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

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The text of every user message in every {@code /v1/responses} request, in order. */
    public List<String> userTexts() {
        return inputItems().stream()
                .filter(item -> "message".equals(item.path("type").asText()) && "user".equals(item.path("role").asText()))
                .flatMap(item -> elements(item.path("content")))
                .map(content -> content.path("text").asText())
                .toList();
    }

    /** The outputs of the scripted call that Codex sent back, in order. */
    public List<String> toolOutputs() {
        return inputItems().stream()
                .filter(ScriptedCodexModel::isScriptedCallOutput)
                .map(item -> item.path("output").asText())
                .toList();
    }

    private List<JsonNode> inputItems() {
        List<JsonNode> items = new ArrayList<>();
        for (Request request : requests) {
            if (request.path().equals("/v1/responses") && request.method().equals("POST")) {
                elements(parse(request.body()).path("input")).forEach(items::add);
            }
        }
        return items;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
            requests.add(request);
            if (!request.method().equals("POST") || !request.path().equals("/v1/responses")) {
                System.err.println("ScriptedCodexModel: 404 for " + request.method() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            JsonNode input = parse(body).path("input");
            boolean toolRan = elements(input).anyMatch(ScriptedCodexModel::isScriptedCallOutput);
            answer(exchange, "resp_" + requests.size(), toolRan ? message("done") : execCommand(command));
        }
    }

    private void answer(HttpExchange exchange, String responseId, ObjectNode item) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode created = json.createObjectNode().put("type", "response.created");
        created.putObject("response").put("id", responseId).put("status", "in_progress");
        send(out, created);
        send(out, json.createObjectNode().put("type", "response.output_item.added").put("output_index", 0).set("item", item));
        send(out, json.createObjectNode().put("type", "response.output_item.done").put("output_index", 0).set("item", item));
        ObjectNode completed = json.createObjectNode().put("type", "response.completed");
        ObjectNode response = completed.putObject("response").put("id", responseId).put("status", "completed");
        response.putObject("usage").put("input_tokens", 100).put("output_tokens", 10).put("total_tokens", 110);
        send(out, completed);
    }

    private void send(OutputStream out, ObjectNode event) throws IOException {
        String frame = "event: " + event.path("type").asText() + "\ndata: " + json.writeValueAsString(event) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode execCommand(String cmd) {
        try {
            return json.createObjectNode().put("type", "function_call").put("id", "fc_bosun_1")
                    .put("call_id", CALL_ID).put("name", "exec_command").put("status", "completed")
                    .put("arguments", json.writeValueAsString(Map.of("cmd", cmd)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode message(String text) {
        ObjectNode item = json.createObjectNode().put("type", "message").put("id", "msg_bosun_1")
                .put("role", "assistant").put("status", "completed");
        ArrayNode content = item.putArray("content");
        content.addObject().put("type", "output_text").put("text", text).putArray("annotations");
        return item;
    }

    private static boolean isScriptedCallOutput(JsonNode item) {
        return "function_call_output".equals(item.path("type").asText()) && CALL_ID.equals(item.path("call_id").asText());
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
