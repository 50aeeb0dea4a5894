package dev.bosun.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What every scripted model for a real agent CLI shares: an HTTP server on 127.0.0.1 (a free
 * port), every request recorded, a 404 (printed to standard error) for anything outside the
 * model's API, and Server-Sent Events for the answers. A subclass speaks one provider's API and
 * decides its answers from each request's content, so a CLI's retries stay harmless.
 * Thread-safe.
 */
public abstract class ScriptedModelServer implements AutoCloseable {

    public record Request(String method, String path, String body) {}

    protected final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    protected ScriptedModelServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    protected String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Whether the request is one this model answers (its API's endpoint). */
    protected abstract boolean answers(Request request);

    /** Answers one request of the model's API; {@code body} is its JSON (an empty object if it was not JSON). */
    protected abstract void answer(HttpExchange exchange, JsonNode body) throws IOException;

    /** The JSON bodies of the requests the model answered, in order. */
    protected List<JsonNode> answeredBodies() {
        return requests.stream().filter(this::answers).map(r -> parse(r.body())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
            requests.add(request);
            if (!answers(request)) {
                System.err.println(
                        getClass().getSimpleName() + ": 404 for " + request.method() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answer(exchange, parse(body));
        }
    }

    /** Starts a 200 {@code text/event-stream} answer (chunked: the length is not known up front). */
    protected static OutputStream eventStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** Writes one event, {@code event:} line only when {@code name} is given, and flushes it. */
    protected void sendEvent(OutputStream out, String name, Object data) throws IOException {
        String frame = (name == null ? "" : "event: " + name + "\n") + "data: "
                + (data instanceof String text ? text : json.writeValueAsString(data)) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    protected JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    protected static Stream<JsonNode> elements(JsonNode array) {
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
