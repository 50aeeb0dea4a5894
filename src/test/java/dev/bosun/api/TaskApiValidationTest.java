package dev.bosun.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.WorkerStandIn;

/** /api/tasks refuses bad input with a 400 that names the field, and starts nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bosun.worker.enabled=false")
class TaskApiValidationTest extends RepositoryBackedTest {

    @LocalServerPort
    int port;

    @Autowired
    ExternalTaskService externalTasks;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"title\": \"\"}|title|title must not be empty",
                "{\"title\": \"   \"}|title|title must not be empty",
                "{\"body\": \"no title\"}|title|title must not be empty",
                "{\"title\": 42}|title|title must be a string",
                "{\"title\": \"ok\", \"priority\": \"asap\"}|priority|unknown priority 'asap'; expected one of low, normal, high, urgent",
                "{\"title\": \"ok\", \"priorty\": \"high\"}|priorty|unknown field 'priorty'",
                "{\"title\": \"ok\", \"body\": [1]}|body|body must be a string",
                "{\"title\": \"ok\", \"dependsOn\": \"1\"}|dependsOn|dependsOn must be a list of task ids",
                "{\"title\": \"ok\", \"dependsOn\": [\"x\"]}|dependsOn|dependsOn must hold task ids",
                "{\"title\": \"ok\", \"dependsOn\": [99999]}|dependsOn|task 99999, which does not exist",
                "{\"title\": \"ok\", \"createdBy\": 7}|createdBy|createdBy must be a string"
            })
    void badFieldsAreRefusedByName(String body, String field, String message) throws Exception {
        int before = taskCount();
        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        Map<?, ?> error = json.readValue(response.body(), Map.class);
        assertThat(error.get("field")).isEqualTo(field);
        assertThat((String) error.get("error")).contains(message);
        assertThat(taskCount()).as("nothing is started").isEqualTo(before);
    }

    @Test
    void aLongBodyIsKeptWholeAndATooLongOneIsRefused() throws Exception {
        String longBody = "line of a long specification\n".repeat(1000); // 29,000 characters
        HttpResponse<String> created = post(json.writeValueAsString(Map.of("title", "Long spec", "body", longBody)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        assertThat(json.readValue(get("/api/tasks/" + id).body(), Map.class).get("body"))
                .isEqualTo(longBody);

        HttpResponse<String> refused =
                post(json.writeValueAsString(Map.of("title", "Too long", "body", "x".repeat(60_001))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"body\"", "at most 60000 characters");
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        HttpResponse<String> response = post("{\"title\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON");
    }

    @Test
    void aValidTaskIsCreatedListedAndShown() throws Exception {
        HttpResponse<String> created =
                post("{\"title\": \"Add a greeting\", \"body\": \"say hi\", \"priority\": \"high\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/tasks/" + id);

        HttpResponse<String> shown = get("/api/tasks/" + id);
        assertThat(shown.statusCode()).isEqualTo(200);
        Map<?, ?> details = json.readValue(shown.body(), Map.class);
        Map<?, ?> task = (Map<?, ?>) details.get("task");
        assertThat(task.get("title")).isEqualTo("Add a greeting");
        assertThat(task.get("status")).isEqualTo("todo");
        assertThat(task.get("priority")).isEqualTo("high");
        assertThat(task.get("attempts")).isEqualTo(0);
        assertThat(details.get("createdBy")).isEqualTo("human");
        assertThat(details.get("history").toString()).contains("StartEvent_TaskCreated", "Task_ClaimTask");

        String forged = (String) json.readValue(
                        post("{\"title\": \"Forged\", \"createdBy\": \"eng-2\"}")
                                .body(),
                        Map.class)
                .get("id");
        assertThat(json.readValue(get("/api/tasks/" + forged).body(), Map.class).get("createdBy"))
                .as("the creator comes from the token, not the body")
                .isEqualTo("human");
        HttpResponse<String> byAgent = send(HttpRequest.newBuilder(uri("/api/tasks"))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Bearer " + ApiTokens.agent(repository().root(), "eng-2"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Follow-up\", \"createdBy\": \"human\"}"))
                .build());
        assertThat(byAgent.statusCode()).as(byAgent.body()).isEqualTo(201);
        String byAgentId = (String) json.readValue(byAgent.body(), Map.class).get("id");
        assertThat(json.readValue(get("/api/tasks/" + byAgentId).body(), Map.class)
                        .get("createdBy"))
                .isEqualTo("eng-2");
        assertThat(get("/api/tasks?status=todo").body()).contains("\"id\":\"" + id + "\"");
    }

    @Test
    void anEscalationIsDecidedThroughTheApiAndBadDecisionsAreRefused() throws Exception {
        String id = (String) json.readValue(post("{\"title\": \"Escalate me\"}").body(), Map.class)
                .get("id");
        assertThat(post("/api/tasks/" + id + "/decision", "{\"decision\": \"abandon\"}")
                        .statusCode())
                .as("nothing to decide while todo")
                .isEqualTo(409);

        escalate(id);
        HttpResponse<String> bad = post("/api/tasks/" + id + "/decision", "{\"decision\": \"shrug\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"decision\"", "one of retry, abandon, merge", "'shrug'");
        assertThat(post("/api/tasks/404404/decision", "{\"decision\": \"abandon\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(status(id)).isEqualTo("escalated");

        HttpResponse<String> decided = post("/api/tasks/" + id + "/decision", "{\"decision\": \"abandon\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("abandoned");
    }

    private void escalate(String id) {
        WorkerStandIn workers = new WorkerStandIn(externalTasks);
        workers.complete(id, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "eng-1"));
        workers.complete(id, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, "eng-1/" + id));
        for (int run = 1; run <= 3; run++) {
            workers.turnWithoutCommits(id);
        }
    }

    private String status(String id) throws Exception {
        return (String) ((Map<?, ?>) json.readValue(get("/api/tasks/" + id).body(), Map.class)
                        .get("task"))
                .get("status");
    }

    /** This test's team is the implicit one: engineers only. */
    @Test
    void aPlanInATeamWithoutAnArchitectIsA400ThatSaysSo() throws Exception {
        HttpResponse<String> refused = post("/api/plans", "{\"goal\": \"Add a CSV export\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readValue(refused.body(), Map.class).get("error"))
                .asString()
                .startsWith("this team has no architect to plan with: add a role with role_type: architect");
        HttpResponse<String> held = post("{\"title\": \"For plan 424242\", \"plan\": 424242}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(404);
        assertThat(json.readValue(held.body(), Map.class)).containsEntry("field", "plan");
    }

    @Test
    void anUnknownTaskIsA404() throws Exception {
        HttpResponse<String> response = get("/api/tasks/99999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no task with id '99999'");
    }

    @Test
    void engineRestAndWebappsAreServed() throws Exception {
        assertThat(get("/engine-rest/process-definition?key=task-lifecycle").body())
                .contains("\"key\":\"task-lifecycle\"");
        assertThat(get("/camunda/app/tasklist/").statusCode()).isIn(200, 302);
        assertThat(get("/camunda/app/cockpit/").statusCode()).isIn(200, 302);
    }

    private int taskCount() throws Exception {
        return json.readValue(get("/api/tasks").body(), java.util.List.class).size();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post("/api/tasks", body);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", ApiTokens.bearer(repository().root()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", ApiTokens.bearer(repository().root()))
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
