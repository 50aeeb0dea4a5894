package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.Await;
import dev.bosun.support.WebappSession;

/**
 * Who decided what, every round, whatever the channel: a task decided first in Tasklist (over
 * the webapp's own HTTP API, logged in as a Camunda user who is not the admin, with a comment in
 * the comment box) and then with {@code bosun decide}; one abandoned through {@code /api} with a
 * reason. {@code GET /api/tasks/{id}} lists the decisions and every test run (red and green, with
 * the commit tested), {@code bosun task show} prints them, and the events carry {@code by}.
 * Real engine, real script agents in real PTYs, real git, the real CLI.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bosun.engineers=1",
            "bosun.max-retries=0",
            "bosun.turn-timeout=120s",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
class DecisionAuditTest extends LifecycleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void decidedInTasklistThenWithTheCliShowsBothDecisionsWithTheirUsersAndEveryTestRun() {
        User alice = identity.newUser("alice");
        alice.setPassword("alice-password-1");
        identity.saveUser(alice);
        identity.createMembership("alice", ProcessIds.GROUP_HUMANS);
        String id = start(
                "Red twice, then guided",
                script(
                        "attempt 1",
                        "write guided.txt <<EOF",
                        "BROKEN 1",
                        "EOF",
                        "commit try 1",
                        "attempt 2",
                        "write guided.txt <<EOF",
                        "BROKEN 2",
                        "EOF",
                        "commit try 2",
                        "attempt 3+",
                        "write guided.txt <<EOF",
                        "fine now",
                        "EOF",
                        "commit follow the guidance"));
        awaitStatus(id, "escalated");
        String firstCommit =
                repository.git("rev-parse", tasks.find(id).orElseThrow().task().branch());

        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("alice", "alice-password-1")).isEqualTo(200);
        String userTask = escalation(id).getId();
        // As Tasklist does: open the task first (the session after the login gets its CSRF token here).
        assertThat(tasklist.call("GET", "/camunda/api/engine/engine/default/task/" + userTask, null)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> commented = tasklist.call(
                "POST",
                "/camunda/api/engine/engine/default/task/" + userTask + "/comment/create",
                "{\"message\": \"The marker word is the problem.\"}");
        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
        HttpResponse<String> submitted = tasklist.call(
                "POST",
                "/camunda/api/engine/engine/default/task/" + userTask + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"retry\", \"type\": \"String\"},"
                        + " \"guidance\": {\"value\": \"Drop the marker word.\", \"type\": \"String\"},"
                        // a form may submit any variable: a name in it must not replace the login
                        + " \"deciderName\": {\"value\": \"mallory\", \"type\": \"String\"},"
                        + " \"deciderVia\": {\"value\": \"cli\", \"type\": \"String\"}}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);

        Await.until(
                "task " + id + " escalated a second time",
                PATIENCE,
                () -> count(id, ProcessIds.USER_TASK_ESCALATION) == 2 && escalation(id) != null,
                Boolean::booleanValue);
        String secondCommit =
                repository.git("rev-parse", tasks.find(id).orElseThrow().task().branch());
        cli(port, 0, "decide", id, "retry", "--guidance", "Write 'fine now'.");
        awaitStatus(id, "merged");

        JsonNode task = get("/api/tasks/" + id);
        String cliUser = System.getProperty("user.name");
        JsonNode decisions = task.path("decisions");
        assertThat(decisions).hasSize(2);
        JsonNode inTasklist = decisions.get(0);
        assertThat(inTasklist.path("round").asInt()).isEqualTo(1);
        assertThat(inTasklist.path("decision").asText()).isEqualTo("retry");
        assertThat(inTasklist.path("by").asText()).isEqualTo("alice");
        assertThat(inTasklist.path("via").asText()).isEqualTo("tasklist");
        assertThat(inTasklist.path("guidance").asText()).isEqualTo("Drop the marker word.");
        assertThat(inTasklist.path("comment").asText()).isEqualTo("The marker word is the problem.");
        assertThat(inTasklist.path("at").asText()).isNotBlank();
        assertThat(inTasklist.path("reason").isNull()).isTrue();
        JsonNode withCli = decisions.get(1);
        assertThat(withCli.path("round").asInt()).isEqualTo(2);
        assertThat(withCli.path("decision").asText()).isEqualTo("retry");
        assertThat(withCli.path("by").asText()).isEqualTo(cliUser);
        assertThat(withCli.path("via").asText()).isEqualTo("cli");
        assertThat(withCli.path("guidance").asText()).isEqualTo("Write 'fine now'.");
        assertThat(withCli.path("comment").isNull())
                .as("the first round's comment belongs to that round only")
                .isTrue();

        List<String> runs = new ArrayList<>();
        for (JsonNode run : task.path("testRuns")) {
            runs.add(run.path("attempt").asInt() + " " + run.path("commit").asText() + " "
                    + run.path("result").asText() + " " + run.path("exitCode").asInt());
            assertThat(run.path("durationMs").asLong()).isNotNegative();
            assertThat(run.path("startedAt").asText()).isNotBlank();
            assertThat(run.path("member").asText()).isEqualTo("eng-1");
        }
        List<String> tested = values(id, ProcessVariables.TESTED_COMMIT);
        String thirdCommit = tested.get(tested.size() - 1);
        assertThat(thirdCommit).isNotIn(firstCommit, secondCommit);
        assertThat(runs)
                .containsExactly(
                        "1 " + firstCommit + " failed 1",
                        "2 " + secondCommit + " failed 1",
                        "3 " + thirdCommit + " passed 0");
        assertThat(task.path("testRuns").get(0).path("outputTail").asText())
                .contains("FAIL: a file is")
                .contains("check line 80")
                .doesNotContain("check line 32\n");
        assertThat(task.path("turns")).hasSize(3);

        String shown = cli(port, 0, "task", "show", id);
        assertThat(shown)
                .contains("test runs:")
                .contains("attempt 1  " + firstCommit.substring(0, 10) + "  failed (exit 1)")
                .contains("attempt 3  " + thirdCommit.substring(0, 10) + "  passed (exit 0)")
                .contains("FAIL: a file is")
                .contains("decisions:")
                .contains("round 1  retry  by alice (tasklist)")
                .contains("guidance: Drop the marker word.")
                .contains("comment: The marker word is the problem.")
                .contains("round 2  retry  by " + cliUser + " (cli)");

        List<Map<String, Object>> resolved =
                events(e -> id.equals(e.get("task")) && "escalation_resolved".equals(e.get("event")));
        assertThat(resolved).hasSize(2);
        assertThat(resolved.get(0))
                .containsEntry("by", "alice")
                .containsEntry("decision", "retry")
                .containsEntry("guidance", "Drop the marker word.");
        assertThat(resolved.get(1)).containsEntry("by", cliUser).containsEntry("guidance", "Write 'fine now'.");
    }

    @Test
    void abandonThroughTheApiRecordsTheCredentialAndTheReason() throws IOException {
        String id = start("Always red", script("append red.txt <<EOF", "BROKEN again", "EOF", "commit try again"));
        awaitStatus(id, "escalated");

        HttpResponse<String> retryWithReason =
                post("/api/tasks/" + id + "/decision", "{\"decision\": \"retry\", \"reason\": \"no\"}");
        assertThat(retryWithReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(retryWithReason.body()).path("field").asText()).isEqualTo("reason");
        HttpResponse<String> badName = send(request("/api/tasks/" + id + "/decision")
                .header("X-Bosun-User", "alice;rm")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\": \"abandon\"}")));
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badName.body()).path("field").asText()).isEqualTo("X-Bosun-User");
        assertThat(escalation(id)).as("nothing was decided").isNotNull();
        HttpResponse<String> abandoned = post(
                "/api/tasks/" + id + "/decision",
                "{\"decision\": \"abandon\", \"reason\": \"The feature was dropped.\"}");
        assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(204);
        awaitStatus(id, "abandoned");

        JsonNode decisions = get("/api/tasks/" + id).path("decisions");
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).path("decision").asText()).isEqualTo("abandon");
        assertThat(decisions.get(0).path("by").asText()).isEqualTo("api-token");
        assertThat(decisions.get(0).path("via").asText()).isEqualTo("api");
        assertThat(decisions.get(0).path("reason").asText()).isEqualTo("The feature was dropped.");
        assertThat(decisions.get(0).path("guidance").isNull()).isTrue();
        assertThat(cli(port, 0, "task", "show", id))
                .contains("round 1  abandon  by api-token (api)")
                .contains("reason: The feature was dropped.");
        assertThat(events(e -> id.equals(e.get("task")) && "escalation_resolved".equals(e.get("event"))))
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .containsEntry("by", "api-token")
                        .containsEntry("reason", "abandon")
                        .containsEntry("decisionReason", "The feature was dropped.")
                        .doesNotContainKey("guidance"));
    }

    @Test
    void aDecisionThroughEngineRestIsTheAdminsWithTheReasonGivenAsAVariable() throws IOException {
        String id = start("Red for the admin", script("append admin.txt <<EOF", "BROKEN", "EOF", "commit red"));
        awaitStatus(id, "escalated");
        String userTask = escalation(id).getId();
        String password = Files.readString(repository.root().resolve(".bosun/secrets/admin-password"))
                .strip();

        HttpResponse<String> completed = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/engine-rest/task/" + userTask + "/complete"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\": {"
                        + "\"decision\": {\"value\": \"abandon\", \"type\": \"String\"},"
                        + " \"decisionReason\": {\"value\": \"Out of scope.\", \"type\": \"String\"}}}")));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        awaitStatus(id, "abandoned");

        JsonNode decisions = get("/api/tasks/" + id).path("decisions");
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).path("by").asText()).isEqualTo("admin");
        assertThat(decisions.get(0).path("via").asText()).isEqualTo("engine-rest");
        assertThat(decisions.get(0).path("decision").asText()).isEqualTo("abandon");
        assertThat(decisions.get(0).path("reason").asText()).isEqualTo("Out of scope.");
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send(request(path).GET()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ApiTokens.person(repository.root()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
