package dev.bosun.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A server started the way a user starts it ({@code bin/bosun start --port 0} in the repository),
 * with the credentials it wrote, stopped with {@code bin/bosun stop} on close.
 */
final class RunningBosun implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final BenchmarkWorkspace workspace;
    private final Path repository;
    private final URI url;
    private final long pid;
    /** How long {@code bosun start} took until it reported the server ready. */
    private final double startMillis;

    private RunningBosun(BenchmarkWorkspace workspace, Path repository, URI url, long pid, double startMillis) {
        this.workspace = workspace;
        this.repository = repository;
        this.url = url;
        this.pid = pid;
        this.startMillis = startMillis;
    }

    /** {@code bosun start --port 0 --json [-- settings...]} in {@code repository}. */
    static RunningBosun start(BenchmarkWorkspace workspace, Path repository, String... settings)
            throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(
                List.of(workspace.bosun().toString(), "start", "--port", "0", "--json", "--timeout", "600"));
        if (settings.length > 0) {
            argv.add("--");
            argv.addAll(List.of(settings));
        }
        BenchmarkWorkspace.Result started =
                workspace.run(repository, Map.of(), argv.toArray(String[]::new)).orFail();
        JsonNode server = JSON.readTree(started.out());
        return new RunningBosun(
                workspace,
                repository,
                URI.create(server.path("url").asText()),
                server.path("pid").asLong(),
                started.millis());
    }

    Path repository() {
        return repository;
    }

    URI url() {
        return url;
    }

    long pid() {
        return pid;
    }

    double startMillis() {
        return startMillis;
    }

    String apiToken() throws IOException {
        return secret("api-token");
    }

    String adminPassword() throws IOException {
        return secret("admin-password");
    }

    private String secret(String name) throws IOException {
        return Files.readString(repository.resolve(".bosun/secrets").resolve(name))
                .strip();
    }

    /** A request to {@code /api/...} with the person's token. */
    HttpRequest.Builder api(String path) throws IOException {
        return HttpRequest.newBuilder(url.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + apiToken());
    }

    /** A request to {@code /engine-rest/...} as the engine's admin user. */
    HttpRequest.Builder engine(String path) throws IOException {
        String basic =
                Base64.getEncoder().encodeToString(("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(url.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + basic);
    }

    /** {@code GET path} with the person's token (which {@code /engine-rest} accepts too), expecting 200. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return json(send(api(path).GET().build(), 200));
    }

    /** {@code POST path} with a JSON body and the person's token, expecting 201. */
    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return json(send(
                api(path)
                        .header("Content-Type", "application/json")
                        .POST(jsonBody(body))
                        .build(),
                201));
    }

    /** Sends and returns the body; anything but 2xx is an error naming the request and the answer. */
    static String send(HttpRequest request) throws IOException, InterruptedException {
        return send(request, 0);
    }

    /** As {@link #send(HttpRequest)}, but only {@code expected} is success (0: any 2xx). */
    private static String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        boolean success = expected == 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
        if (!success) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static JsonNode json(String body) throws IOException {
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    static HttpRequest.BodyPublisher jsonBody(Object value) throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        workspace.run(repository, Map.of(), workspace.bosun().toString(), "stop");
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }
}
