package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's plain-socket HTTP against real servers on a local port: the JDK's HTTP server
 * (chunked and fixed-length answers, the request as it arrives), and a raw socket for what a
 * well-behaved server never sends.
 */
class PlainHttpTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aChunkedAnswerArrivesWholeWithItsStatusAndHeaders() throws IOException {
        byte[] big = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        start(exchange -> {
            exchange.getResponseHeaders().add("X-Many", "one");
            exchange.getResponseHeaders().add("X-Many", "two");
            exchange.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(big);
            }
        });

        PlainHttp.Response response = get("/api/status?status=todo");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(big);
        assertThat(response.headers().get(null)).singleElement().asString().startsWith("HTTP/1.1 200");
        assertThat(response.headers().get("X-many")).containsExactly("one", "two");
    }

    @Test
    void aFixedLengthErrorAnswerKeepsItsBody() throws IOException {
        byte[] error = "{\"error\":\"no task 7\"}".getBytes(StandardCharsets.UTF_8);
        start(exchange -> {
            exchange.sendResponseHeaders(404, error.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(error);
            }
        });

        PlainHttp.Response response = get("/api/tasks/7");

        assertThat(response.status()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"no task 7\"}");
    }

    @Test
    void aPostSendsItsHeadersAndBodyOnce() throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        start(exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Length") + " "
                    + new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1); // -1: no body
            exchange.close();
        });
        byte[] body = "{\"title\":\"ü\"}".getBytes(StandardCharsets.UTF_8);

        PlainHttp.Response response = PlainHttp.exchange(
                uri("/api/tasks?x=%20y"), "POST", Map.of("Authorization", "Bearer t0k"), body, 5_000, 30_000);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEmpty();
        assertThat(seen.get()).isEqualTo("POST /api/tasks?x=%20y Bearer t0k " + body.length + " {\"title\":\"ü\"}");
    }

    @Test
    void aHeaderValueWithALineBreakIsRefusedBeforeAnythingIsSent() throws IOException {
        AtomicReference<String> reached = new AtomicReference<>();
        start(exchange -> {
            reached.set(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> PlainHttp.exchange(
                        uri("/api/status"), "GET", Map.of("X-Bosun-User", "me\r\nX-Admin: yes"), null, 5_000, 30_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Bosun-User");
        assertThat(reached.get()).isNull();
    }

    @Test
    void anAnswerCutShortOrNotHttpIsAnErrorNotAShortBody() throws Exception {
        assertThat(rawAnswer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))
                .isInstanceOf(EOFException.class);
        assertThat(rawAnswer("SSH-2.0-OpenSSH_9.6\r\n")).isInstanceOf(ProtocolException.class);
        assertThat(rawAnswer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void anAnswerWithoutALengthEndsWhereTheServerClosesTheConnection() throws Exception {
        PlainHttp.Response response = rawExchange("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it");

        assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("all of it");
    }

    private void start(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private PlainHttp.Response get(String path) throws IOException {
        return PlainHttp.exchange(uri(path), "GET", Map.of("Accept", "application/json"), null, 5_000, 30_000);
    }

    /** The exception PlainHttp throws for a server that answers {@code answer} and closes. */
    private static Exception rawAnswer(String answer) throws Exception {
        try {
            rawExchange(answer);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private static PlainHttp.Response rawExchange(String answer) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = listener.accept()) {
                    readRequestHead(socket.getInputStream());
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                return PlainHttp.exchange(
                        URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/"),
                        "GET",
                        Map.of(),
                        null,
                        5_000,
                        30_000);
            } finally {
                served.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Up to the blank line that ends a request head (the requests here have no body). */
    private static void readRequestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                return;
            }
        }
    }
}
