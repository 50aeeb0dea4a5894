package dev.bosun.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Bosun as a separate JVM on a free port, for tests that kill it or run the packaged jar. */
public final class BosunServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Process process;
    private final Path log;
    private final Path repository;

    private BosunServer(int port, Process process, Path log, Path repository) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.repository = repository;
    }

    /** Starts {@code java <launch...> --server.port=N <arguments...>} and waits until /api answers. */
    public static BosunServer start(int port, List<String> launch, List<String> arguments, Path log)
            throws IOException {
        return start(port, launch, arguments, log, Map.of());
    }

    /**
     * This build's server (the test classpath, a small quickly started JVM) on {@code repository}
     * with the project's processes folder; {@code arguments} add to or override those.
     */
    public static BosunServer startThisBuild(int port, TestRepository repository, List<String> arguments, Path log)
            throws IOException {
        return startThisBuild(port, repository, arguments, log, Map.of());
    }

    /** As {@link #startThisBuild(int, TestRepository, List, Path)}, with {@code environment} added to this JVM's. */
    public static BosunServer startThisBuild(
            int port, TestRepository repository, List<String> arguments, Path log, Map<String, String> environment)
            throws IOException {
        return startThisBuild(port, repository, arguments, log, environment, List.of());
    }

    /**
     * As {@link #startThisBuild(int, TestRepository, List, Path)}, started by {@code nohup}: SIGHUP is
     * ignored by the server and, inherited, by every process it starts, as for a service started
     * that way. Its agents then outlive a {@code kill -9} of the server.
     */
    public static BosunServer startThisBuildIgnoringHangup(
            int port, TestRepository repository, List<String> arguments, Path log) throws IOException {
        return startThisBuild(port, repository, arguments, log, Map.of(), List.of("nohup"));
    }

    private static BosunServer startThisBuild(
            int port,
            TestRepository repository,
            List<String> arguments,
            Path log,
            Map<String, String> environment,
            List<String> wrapper)
            throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "--bosun.repository=" + repository.root(),
                "--bosun.processes-dir=" + Path.of("processes").toAbsolutePath()));
        all.addAll(arguments);
        return start(
                port,
                List.of(
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.bosun.BosunApplication"),
                all,
                log,
                environment,
                wrapper);
    }

    /** As {@link #start(int, List, List, Path)}, with {@code environment} added to this JVM's. */
    public static BosunServer start(
            int port, List<String> launch, List<String> arguments, Path log, Map<String, String> environment)
            throws IOException {
        return start(port, launch, arguments, log, environment, List.of());
    }

    /** @param wrapper the argv that runs java (nohup, say); the server's pid is java's when it execs */
    private static BosunServer start(
            int port,
            List<String> launch,
            List<String> arguments,
            Path log,
            Map<String, String> environment,
            List<String> wrapper)
            throws IOException {
        List<String> argv = new ArrayList<>(wrapper);
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(launch);
        argv.add("--server.port=" + port);
        argv.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path repository = arguments.stream()
                .filter(a -> a.startsWith("--bosun.repository="))
                .findFirst()
                .map(a -> Path.of(a.substring("--bosun.repository=".length())))
                .orElse(Path.of("."));
        BosunServer server = new BosunServer(port, process, log, repository);
        Await.until("Bosun on port " + port + " to answer", Duration.ofSeconds(120), server::answers, up -> up);
        return server;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS);
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, as {@code bosun stop} sends it, and waits for the server to exit.
     *
     * @return its exit code
     */
    public int stop(Duration patience) throws InterruptedException {
        process.destroy();
        Duration limit = TestTimeouts.scaled(patience);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Bosun did not stop within " + limit + " after SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    public String createTask(String title, String body) {
        return (String) post("/api/tasks", Map.of("title", title, "body", body)).get("id");
    }

    /** POSTs {@code body} as JSON and returns the answer's JSON; fails unless the status is 2xx. */
    public Map<?, ?> post(String path, Map<String, ?> body) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Authorization", ApiTokens.bearer(repository))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(
                        "POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? Map.of() : JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP status a GET of {@code path} answers (404 for an unknown id, say). */
    public int statusOf(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(uri(path))
                                    .header("Authorization", ApiTokens.bearer(repository))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Map<?, ?> get(String path) {
        return getJson(path, Map.class);
    }

    /** GET of a path that answers a JSON array, such as {@code /api/tasks}. */
    public List<?> getList(String path) {
        return getJson(path, List.class);
    }

    private <T> T getJson(String path, Class<T> type) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Authorization", ApiTokens.bearer(repository))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The task's summary once its status is {@code status}. */
    public Map<?, ?> awaitStatus(String id, String status) {
        return Await.until(
                "task " + id + " to be " + status,
                Duration.ofSeconds(120),
                () -> (Map<?, ?>) get("/api/tasks/" + id).get("task"),
                task -> status.equals(task.get("status")));
    }

    /**
     * GETs {@code path} until its JSON object satisfies {@code done}; after {@code timeout} fails
     * naming {@code what} and showing the last answer.
     */
    public Map<?, ?> awaitGet(String what, String path, Duration timeout, Predicate<Map<?, ?>> done) {
        return Await.until(what + " (GET " + path + ")", timeout, () -> get(alive(path)), done);
    }

    /** Fails at once when this JVM died, instead of waiting out a timeout on a dead port. */
    private String alive(String path) {
        if (!process.isAlive()) {
            throw new AssertionError(
                    "Bosun exited with " + process.exitValue() + " while GET " + path + " was awaited; see " + log);
        }
        return path;
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new AssertionError("Bosun exited with " + process.exitValue() + "; see " + log);
        }
        if (!Files.exists(repository.resolve(".bosun/secrets/api-token"))) {
            return false;
        }
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(uri("/api/tasks"))
                                            .header("Authorization", ApiTokens.bearer(repository))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
