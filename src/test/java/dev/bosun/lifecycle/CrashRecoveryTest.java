package dev.bosun.lifecycle;

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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bosun.support.Await;
import dev.bosun.support.TestRepository;

/**
 * Bosun is killed with SIGKILL while a task's tests run, then started again on the same H2 file:
 * the task continues from its test step (no second code turn) and is merged exactly once.
 */
class CrashRecoveryTest {

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Process server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void aKilledServerResumesTheTaskAndMergesItOnce() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        int port = freePort();
        server = startServer(repository.root(), port, "first");
        String id = createTask(port, """
                Slow tests: test.sh sleeps as many seconds as slow.txt says.

                ```bosun-script
                write slow.txt <<EOF
                8
                EOF
                write crash.txt <<EOF
                survived
                EOF
                commit slow tests
                ```
                """);

        awaitStatus(port, id, "testing");
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks run

        server = startServer(repository.root(), port, "second");
        Map<?, ?> task = awaitStatus(port, id, "merged");

        String trunkLog = repository.git("log", "--format=%B", "main");
        assertThat(trunkLog.split("Bosun-Task: " + id + "\n", -1)).as("merged exactly once").hasSize(2);
        assertThat(repository.git("show", "main:crash.txt")).isEqualTo("survived");
        Map<?, ?> details = get(port, "/api/tasks/" + id);
        List<?> steps = (List<?>) details.get("history");
        assertThat(steps.stream().filter(s -> "Task_CodeTurn".equals(((Map<?, ?>) s).get("activityId"))).count())
                .as("the code turn is not repeated after the restart").isEqualTo(1);
        assertThat(((Map<?, ?>) details.get("task")).get("mergedCommit")).isEqualTo(task.get("mergedCommit"));
        assertThat(get(port, "/engine-rest/process-definition/key/task-lifecycle").get("version"))
                .as("an unchanged BPMN file is not deployed again on restart").isEqualTo(1);
        String agentLog = Files.readString(repository.root().resolve(".bosun/logs/" + task.get("assignee") + ".log"));
        assertThat(agentLog.lines().filter(line -> line.startsWith("=== turn ")).count())
                .as("one agent turn in the terminal log:%n%s", agentLog).isEqualTo(1);
    }

    private Process startServer(Path repository, int port, String name) throws IOException {
        Path processes = Path.of("processes").toAbsolutePath();
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.bosun.BosunApplication",
                "--server.port=" + port,
                "--bosun.repository=" + repository,
                "--bosun.processes-dir=" + processes,
                "--bosun.engineers=1",
                "--bosun.worker.poll-interval=100ms",
                "--bosun.worker.lock-duration=3s",
                "--camunda.bpm.job-execution.enabled=false");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(home.resolve("server-" + name + ".log").toFile()).start();
        Await.until("the " + name + " server to answer", Duration.ofSeconds(120), () -> answers(port, process),
                answered -> answered);
        return process;
    }

    private boolean answers(int port, Process process) {
        if (!process.isAlive()) {
            throw new AssertionError("server exited with " + process.exitValue() + "; see " + home);
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String createTask(int port, String body) throws Exception {
        String request = json.writeValueAsString(Map.of("title", "Survive a crash", "body", body));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) json.readValue(response.body(), Map.class).get("id");
    }

    private Map<?, ?> awaitStatus(int port, String id, String status) {
        return Await.until("task " + id + " to be " + status, Duration.ofSeconds(120),
                () -> (Map<?, ?>) get(port, "/api/tasks/" + id).get("task"), t -> status.equals(t.get("status")));
    }

    private Map<?, ?> get(int port, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
