package dev.bosun.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bosun.support.Await;
import dev.bosun.support.TestRepository;

/**
 * The packaged jar, started the way the README says ({@code java -jar target/bosun-*.jar}, a
 * relative path), merges a task with the built-in script agent. Runs in {@code verify}, after
 * {@code package}: the script agent's JVM must find its classes inside the fat jar from the
 * engineer's worktree.
 */
class FatJarIT {

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void thePackagedJarMergesATaskWithTheScriptAgent() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        Path jar = packagedJar();
        int port = freePort();
        server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of("").toAbsolutePath().relativize(jar.toAbsolutePath()).toString(),
                "--server.port=" + port, "--bosun.repository=" + repository.root(), "--bosun.engineers=1",
                "--bosun.worker.poll-interval=100ms"))
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile()).start();
        Await.until("the packaged server to answer", Duration.ofSeconds(120), () -> status(port, "/api/tasks"),
                code -> code == 200);

        String body = json.writeValueAsString(Map.of("title", "From the jar", "body",
                "```bosun-script\nwrite jar.txt <<EOF\npackaged\nEOF\ncommit from the jar\n```\n"));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = (String) json.readValue(created.body(), Map.class).get("id");

        Await.until("task " + id + " to be merged", Duration.ofSeconds(120), () -> taskStatus(port, id),
                "merged"::equals);
        assertThat(repository.git("show", "main:jar.txt")).isEqualTo("packaged");
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("bosun-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith(".original")).findFirst()
                    .orElseThrow(() -> new AssertionError("no packaged jar in target/: run mvn verify"));
        }
    }

    private String taskStatus(int port, String id) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/tasks/" + id)).build(), HttpResponse.BodyHandlers.ofString());
            return (String) ((Map<?, ?>) json.readValue(response.body(), Map.class).get("task")).get("status");
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private int status(int port, String path) {
        if (!server.isAlive()) {
            throw new AssertionError("the packaged server exited with " + server.exitValue() + "; see " + home);
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
