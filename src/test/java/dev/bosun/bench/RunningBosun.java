package dev.bosun.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A server started with the built {@code bin/bosun start --port 0} in a benchmark repository, and
 * its REST API with the person's token (which {@code /engine-rest} accepts too). {@link #close}
 * runs {@code bosun stop}.
 */
final class RunningBosun implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchmarkWorkspace workspace;
    private final Path repository;
    private final String url;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RunningBosun(BenchmarkWorkspace workspace, Path repository, String url, String token) {
        this.workspace = workspace;
        this.repository = repository;
        this.url = url;
        this.token = token;
    }

    /** Starts the server of {@code repository} (its team file written) and returns once it answers. */
    static RunningBosun start(BenchmarkWorkspace workspace, Path repository, String... settings)
            throws IOException, InterruptedException {
        String[] argv = new String[4 + (settings.length == 0 ? 0 : settings.length + 1)];
        argv[0] = workspace.bosun().toString();
        argv[1] = "start";
        argv[2] = "--port";
        argv[3] = "0";
        if (settings.length > 0) {
            argv[4] = "--";
            System.arraycopy(settings, 0, argv, 5, settings.length);
        }
        workspace.run(repository, Map.of(), argv).orFail();
        JsonNode server =
                JSON.readTree(Files.readString(repository.resolve(".bosun").resolve("server.json")));
        String token = Files.readString(
                        repository.resolve(".bosun").resolve("secrets").resolve("api-token"))
                .strip();
        return new RunningBosun(workspace, repository, server.path("url").asText(), token);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), 200);
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                201);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        workspace.run(repository, Map.of(), workspace.bosun().toString(), "stop");
    }
}
