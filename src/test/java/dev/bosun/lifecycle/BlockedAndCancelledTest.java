package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.board.TaskSummary;
import dev.bosun.process.NewTask;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.Await;

/**
 * The two statuses the read model derives from the engine's history, seen where a person looks:
 * {@code /api/tasks/{id}}, {@code /api/status}, {@code .bosun/board.md}, the events and the CLI.
 * A task on an abandoned dependency is {@code blocked} and never claimed; a task whose instance is
 * cancelled as Cockpit does it ({@code RuntimeService.deleteProcessInstance}, with and without
 * custom listeners) is {@code cancelled}, its engineer takes the next task, and its branch stays.
 * One engineer, so "its engineer takes the next task" cannot be another engineer doing it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bosun.engineers=1",
            "bosun.max-retries=0",
            "bosun.turn-timeout=5m",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            // The cancelled turn is stopped at the next lock extension, a third of this.
            "bosun.worker.lock-duration=3s"
        })
class BlockedAndCancelledTest extends LifecycleTestSupport {

    @Autowired
    RuntimeService runtime;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aTaskOnAnAbandonedTaskIsBlockedNamingItAndStaysUnclaimed() {
        String base = start("Base", script("write base.txt <<EOF", "BROKEN base", "EOF", "commit base"));
        String onTop = lifecycle.start(new NewTask(
                "On top",
                script("write top.txt <<EOF", "top", "EOF", "commit top"),
                TaskPriority.NORMAL,
                List.of(base)));
        awaitStatus(base, "escalated");
        assertThat(get("/api/tasks/" + onTop).path("task").path("status").asText())
                .isEqualTo("todo");

        HttpResponse<String> abandoned = post("/api/tasks/" + base + "/decision", "{\"decision\": \"abandon\"}");
        assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(204);

        String reason = "depends on task " + base + ", which was abandoned";
        JsonNode shown = Await.until(
                "task " + onTop + " to be blocked",
                PATIENCE,
                () -> get("/api/tasks/" + onTop).path("task"),
                t -> t.path("status").asText().equals("blocked"));
        assertThat(shown.path("reason").asText()).isEqualTo(reason);
        assertThat(get("/api/tasks?status=blocked").findValuesAsText("id")).containsExactly(onTop);
        HttpResponse<String> assigned = post("/api/tasks/" + onTop + "/assign", "{\"member\": \"eng-1\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(409);
        assertThat(assigned.body()).contains("task " + onTop + " is blocked (" + reason + ")");

        // The engineer is free (the abandoned task holds no one): it merges a task added now,
        // and the blocked one is still nobody's.
        String later = start("Later", script("write later.txt <<EOF", "later", "EOF", "commit later"));
        awaitStatus(later, "merged");
        JsonNode status = get("/api/status");
        JsonNode blocked = status.path("tasks").path("blocked");
        assertThat(blocked.findValuesAsText("id")).containsExactly(onTop);
        assertThat(blocked.get(0).path("reason").asText()).isEqualTo(reason);
        assertThat(blocked.get(0).path("assignee").isNull()).isTrue();
        assertThat(status.path("members").findValuesAsText("task")).doesNotContain(onTop, base);
        assertThat(count(onTop, "Task_ClaimTask")).as("claim steps started").isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(instanceOf(onTop))
                        .activityId("Task_ClaimTask")
                        .finished()
                        .count())
                .as("claimed")
                .isZero();
        Await.until(
                "the board to show task " + onTop + " blocked",
                PATIENCE,
                this::board,
                board -> board.contains(
                        "## BLOCKED\n- [ ] #" + onTop + " On top (unassigned, attempt 0/1) blocked: " + reason + "\n"));
    }

    @ParameterizedTest(name = "skipCustomListeners={0}")
    @ValueSource(booleans = {false, true})
    void aTaskCancelledAsCockpitDoesIsCancelledItsEngineerTakesTheNextAndItsBranchStays(boolean skipListeners) {
        String slow = start("Slow", script("write slow.txt <<EOF", "slow", "EOF", "commit slow start", "sleep 5m"));
        String member = Await.until(
                        "task " + slow + " to be worked on",
                        PATIENCE,
                        () -> tasks.find(slow).orElseThrow().task(),
                        t -> "in-progress".equals(t.status()) && committed(t.branch()))
                .assignee();
        String next = start("Next", script("write next-" + slow + ".txt <<EOF", "next", "EOF", "commit next"));
        String branch = member + "/" + slow;

        String instance = instanceOf(slow);
        // The worker extends its lock meanwhile: a delete that races with that is tried again, as a
        // person in Cockpit would click again.
        Await.until(
                "task " + slow + " to be cancelled",
                PATIENCE,
                () -> tryCancel(instance, skipListeners),
                cancelled -> cancelled);

        JsonNode shown = Await.until(
                "task " + slow + " to show cancelled",
                PATIENCE,
                () -> get("/api/tasks/" + slow).path("task"),
                t -> t.path("status").asText().equals("cancelled"));
        assertThat(shown.path("reason").asText()).isEqualTo("cancelled in Cockpit");
        assertThat(shown.path("assignee").asText()).isEqualTo(member);

        TaskSummary merged = Await.until(
                "task " + next + " to be merged by " + member,
                PATIENCE,
                () -> tasks.find(next).orElseThrow().task(),
                t -> "merged".equals(t.status()));
        assertThat(merged.assignee()).isEqualTo(member);

        JsonNode status = get("/api/status");
        assertThat(status.path("tasks").path("cancelled").findValuesAsText("id"))
                .contains(slow);
        assertThat(status.path("tasks").path("in-progress").findValuesAsText("id"))
                .doesNotContain(slow);
        assertThat(status.path("members").findValuesAsText("task")).doesNotContain(slow);
        Await.until(
                "the board to show task " + slow + " cancelled",
                PATIENCE,
                this::board,
                board -> board.contains("## ABANDONED OR CANCELLED\n")
                        && board.substring(board.indexOf("## ABANDONED OR CANCELLED\n"))
                                .contains("\n- [ ] #" + slow + " Slow (" + member
                                        + ", attempt 1/1) cancelled: cancelled in Cockpit\n"));
        assertThat(cli("task", "list", "--status", "cancelled")).contains("#" + slow + " Slow  [cancelled");
        assertThat(cli("task", "list", "--help").replaceAll("\\s+", " "))
                .contains(
                        "(todo, blocked, in-progress, testing, merging, escalated, incident, merged, abandoned, cancelled)");

        assertThat(repository.branchExists(branch))
                .as("the cancelled task's branch is kept")
                .isTrue();
        assertThat(repository.git("log", "--format=%s", "main.." + branch)).isEqualTo("slow start");
        // The event log is written after the commit, on its own: the board may show it first.
        List<Map<String, Object>> cancelledEvents = Await.until(
                "the task_cancelled event of task " + slow,
                PATIENCE,
                () -> eventsOf(slow, "task_cancelled"),
                found -> !found.isEmpty());
        assertThat(cancelledEvents).hasSize(1);
        assertThat(cancelledEvents.get(0))
                .containsEntry("member", member)
                .containsEntry("to", "cancelled")
                .containsEntry("reason", "cancelled in Cockpit");
        assertThat(eventNames(slow)).endsWith("turn_started", "task_cancelled");
    }

    private boolean tryCancel(String instance, boolean skipListeners) {
        try {
            runtime.deleteProcessInstance(instance, "cancelled in Cockpit", skipListeners);
            return true;
        } catch (OptimisticLockingException raced) {
            return false;
        }
    }

    /** The slow script's commit is on its branch: it sleeps from now on. */
    private boolean committed(String branch) {
        return branch != null
                && repository.branchExists(branch)
                && repository.git("log", "--format=%s", "main.." + branch).equals("slow start");
    }

    private List<String> eventNames(String task) {
        return eventsOf(task, null).stream().map(e -> (String) e.get("event")).toList();
    }

    /** @param name the event to keep, or null for all of the task's */
    private List<Map<String, Object>> eventsOf(String task, String name) {
        return events(event -> task.equals(event.get("task")) && (name == null || name.equals(event.get("event"))));
    }

    private String cli(String... args) {
        return cli(port, 0, args);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", ApiTokens.bearer(repository.root()))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", ApiTokens.bearer(repository.root()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
