package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.BosunServer;
import dev.bosun.support.TestRepository;

/**
 * A server is killed with SIGKILL between a step's commit and the write of its event to
 * {@code .bosun/events.jsonl}, or between that write and the mark that it was written; after a
 * restart every event of the task is in the file exactly once, in order. The test-only variable
 * {@code BOSUN_TEST_RELAY_PAUSE} stops the first server's relay at that point (and creates a marker
 * file), so the kill hits the window however fast or slow the machine is.
 */
class EventOutboxCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TASK_EVENTS = List.of(
            "task_created",
            "task_claimed",
            "turn_started",
            "turn_finished",
            "tests_passed",
            "merge_started",
            "task_merged");

    @TempDir
    Path home;

    @Test
    void killedAfterTheCommitAndBeforeTheWriteTheEventIsWrittenOnceAfterTheRestart() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        Path paused = home.resolve("relay-paused");
        int port = BosunServer.freePort();
        String id;
        try (BosunServer first = start(repository, port, "first", "before-append:tests_passed:" + paused)) {
            id = first.createTask("Survive a crash between commit and event", task());
            awaitMarker(paused);
            assertThat(eventsOf(repository, id))
                    .as("the step committed; its line is not written yet")
                    .doesNotContain("tests_passed");
            first.kill();
        }

        try (BosunServer second = start(repository, port, "second", null)) {
            second.awaitStatus(id, "merged");
            Map<?, ?> details = second.get("/api/tasks/" + id);
            assertThat(((List<?>) details.get("history"))
                            .stream()
                                    .filter(s -> "Task_RunTests".equals(((Map<?, ?>) s).get("activityId")))
                                    .count())
                    .as("the tests' step had committed before the kill: it does not run again")
                    .isEqualTo(1);
            assertThat(awaitEvents(repository, id, "task_merged")).containsExactlyElementsOf(TASK_EVENTS);
            assertSeqsUnique(repository);
        }
    }

    @Test
    void killedAfterTheWriteAndBeforeItsMarkTheEventIsNotWrittenAgain() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        Path paused = home.resolve("relay-paused");
        int port = BosunServer.freePort();
        String id;
        try (BosunServer first = start(repository, port, "first", "after-append:tests_passed:" + paused)) {
            id = first.createTask("Survive a crash between event and mark", task());
            awaitMarker(paused);
            assertThat(eventsOf(repository, id))
                    .as("the line is written; its row is not deleted yet")
                    .containsOnlyOnce("tests_passed");
            first.kill();
        }

        try (BosunServer second = start(repository, port, "second", null)) {
            second.awaitStatus(id, "merged");
            assertThat(awaitEvents(repository, id, "task_merged")).containsExactlyElementsOf(TASK_EVENTS);
            assertSeqsUnique(repository);
        }
    }

    private static String task() {
        return """
                One commit, green tests.

                ```bosun-script
                write outbox.txt <<EOF
                written once
                EOF
                commit one commit
                ```
                """;
    }

    private BosunServer start(TestRepository repository, int port, String name, String pause) throws IOException {
        return BosunServer.startThisBuild(
                port,
                repository,
                List.of("--bosun.engineers=1", "--bosun.worker.poll-interval=100ms", "--bosun.worker.lock-duration=3s"),
                home.resolve("server-" + name + ".log"),
                pause == null ? Map.of() : Map.of("BOSUN_TEST_RELAY_PAUSE", pause));
    }

    private static void awaitMarker(Path marker) {
        Await.until("the relay to pause at " + marker, Duration.ofSeconds(120), () -> Files.exists(marker), b -> b);
    }

    private static List<String> awaitEvents(TestRepository repository, String task, String last) {
        return Await.until(
                "events.jsonl to hold " + last + " of task " + task,
                Duration.ofSeconds(60),
                () -> eventsOf(repository, task),
                events -> events.contains(last));
    }

    /** The events of {@code task} in file order. */
    private static List<String> eventsOf(TestRepository repository, String task) {
        List<String> events = new ArrayList<>();
        for (JsonNode line : lines(repository)) {
            if (task.equals(line.path("task").asText())) {
                events.add(line.get("event").asText());
            }
        }
        return events;
    }

    private static void assertSeqsUnique(TestRepository repository) {
        List<Long> seqs = lines(repository).stream()
                .filter(line -> line.has("seq"))
                .map(line -> line.get("seq").asLong())
                .toList();
        assertThat(seqs).isNotEmpty().doesNotHaveDuplicates();
    }

    private static List<JsonNode> lines(TestRepository repository) {
        Path file = repository.root().resolve(".bosun/events.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        try {
            for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                lines.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
