package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.BosunServer;
import dev.bosun.support.MarkerFiles;
import dev.bosun.support.TestRepository;

/**
 * A stop (SIGTERM, as {@code bosun stop} sends it) during a turn lets the turn finish within
 * {@code bosun.stop.turn-grace}: its result is recorded before the server exits, and after a
 * restart the task goes on from the next step; the turn does not run again.
 *
 * <p>The agent notes its pid and works until the test releases it, which the test does once the
 * server has begun to stop (it logs that it waits), then commits.
 */
class StopGraceTest {

    private static final String AGENT = """
            state="$1"
            echo "$$" >> "$state/agents"
            while [ ! -e "$state/release" ]; do sleep 0.1; done
            echo "done" > result.txt
            git add result.txt
            git -c user.name=agent -c user.email=agent@example.com commit -q -m "work of agent $$"
            """;

    @TempDir
    Path home;

    private Path state;

    @AfterEach
    void endTheAgents() {
        if (state != null) {
            agents().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void aTurnUnderWayWhenTheServerStopsFinishesAndIsNotRunAgain() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        state = Files.createDirectories(home.resolve("state"));
        Path agent = home.resolve("agent.sh");
        Files.writeString(agent, AGENT);
        int port = BosunServer.freePort();
        Path firstLog = home.resolve("server-first.log");

        BosunServer first = start(repository, port, agent, firstLog);
        String id = first.createTask("Finish while stopping", "Work until released.");
        long firstAgent = Await.until("the agent to start", Duration.ofSeconds(120), this::agents, a -> !a.isEmpty())
                .get(0);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return first.stop(Duration.ofMinutes(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        // Released once the server waits for it, or (without a grace) once it was killed.
        Await.until(
                "the server to wait for the turn, or to kill the agent",
                Duration.ofSeconds(60),
                () -> read(firstLog).contains("waiting up to")
                        || !ProcessHandle.of(firstAgent)
                                .map(ProcessHandle::isAlive)
                                .orElse(false),
                ready -> ready);
        MarkerFiles.create(state.resolve("release"));
        exit.join(); // BosunServer.stop bounds the wait
        assertThat(read(firstLog)).doesNotContain("did not finish within");

        try (BosunServer second = start(repository, port, agent, home.resolve("server-second.log"))) {
            second.awaitStatus(id, "merged");
            assertThat(agents()).as("the turn ran once").containsExactly(firstAgent);
            Map<?, ?> details = second.get("/api/tasks/" + id);
            assertThat(((List<?>) details.get("history"))
                            .stream()
                                    .filter(step -> "Task_CodeTurn".equals(((Map<?, ?>) step).get("activityId")))
                                    .count())
                    .as("one code turn in the history")
                    .isEqualTo(1);
        }
    }

    private List<Long> agents() {
        Path file = state.resolve("agents");
        if (!Files.exists(file)) {
            return List.of();
        }
        return read(file)
                .lines()
                .filter(line -> !line.isBlank())
                .map(Long::parseLong)
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BosunServer start(TestRepository repository, int port, Path agent, Path log) throws IOException {
        return BosunServer.startThisBuild(
                port,
                repository,
                List.of(
                        "--bosun.engineers=1",
                        "--bosun.worker.poll-interval=100ms",
                        "--bosun.worker.lock-duration=3s",
                        "--bosun.agent.kind=command",
                        "--bosun.agent.command=sh," + agent + "," + state),
                log);
    }
}
