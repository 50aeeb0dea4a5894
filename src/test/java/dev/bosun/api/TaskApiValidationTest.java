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
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.process.TaskStatus;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.WorkerStandIn;

/** /api/tasks refuses bad input with a 400 that names the field, and starts nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bosun.worker.enabled=false")
@Import(TaskApiValidationTest.FailingController.class)
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
                post(json.writeValueAsString(Map.of("title", "Too long", "body", "x".repeat(262_145))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"body\"", "at most 262144 bytes (UTF-8), got 262145");
    }

    /**
     * Limits are bytes, as an agent's argument and the files it reads are: 60,000 × '中' is 180,000
     * of them, over what one argument may hold, and is accepted (it reaches the agent in a file).
     */
    @Test
    void limitsCountUtf8BytesNotCharacters() throws Exception {
        String wide = "中".repeat(60_000);
        HttpResponse<String> created = post(json.writeValueAsString(Map.of("title", "中".repeat(66), "body", wide)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        assertThat(json.readValue(get("/api/tasks/" + id).body(), Map.class).get("body"))
                .isEqualTo(wide);

        int before = taskCount();
        assertRefused(
                post(json.writeValueAsString(Map.of("title", "Wide", "body", "中".repeat(87_382)))),
                "body",
                "body must be at most 262144 bytes (UTF-8), got 262146");
        assertRefused(
                post(json.writeValueAsString(Map.of("title", "中".repeat(67)))),
                "title",
                "title must be at most 200 bytes (UTF-8), got 201");
        assertRefused(
                post("/api/plans", json.writeValueAsString(Map.of("goal", "中".repeat(87_382)))),
                "goal",
                "goal must be at most 262144 bytes (UTF-8), got 262146");
        assertRefused(
                post("/api/messages", json.writeValueAsString(Map.of("to", "eng-1", "body", "中".repeat(20_001)))),
                "body",
                "body must be at most 60000 bytes (UTF-8), got 60003");
        assertRefused(
                post(
                        "/api/tasks/" + id + "/decision",
                        json.writeValueAsString(Map.of("decision", "retry", "guidance", "中".repeat(1_001)))),
                "guidance",
                "guidance must be at most 3000 bytes (UTF-8), got 3003");
        assertThat(taskCount()).as("nothing is started").isEqualTo(before);
    }

    /** A NUL cut the prompt short; a lone surrogate stopped every later board.md write. */
    @ParameterizedTest(name = "{0} {1} -> field {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/tasks|{\"title\": \"a\\u0000b\"}|title|title must not contain NUL (\\u0000)",
                "/api/tasks|{\"title\": \"ok\", \"body\": \"x\\ud800y\"}|body|body must be valid Unicode: a lone surrogate at index 1",
                "/api/tasks|{\"title\": \"\\udc00\"}|title|title must be valid Unicode: a lone surrogate at index 0",
                "/api/tasks|{\"title\": \"ok\", \"manager\": \"m\\u0000\"}|manager|manager must not contain NUL",
                "/api/messages|{\"to\": \"eng-1\", \"body\": \"hi\\u0000\"}|body|body must not contain NUL",
                "/api/messages|{\"to\": \"eng\\ud800\", \"body\": \"hi\"}|to|to must be valid Unicode",
                "/api/plans|{\"goal\": \"g\\ud800\"}|goal|goal must be valid Unicode: a lone surrogate at index 1",
                "/api/plans|{\"goal\": \"g\", \"title\": \"\\u0000\"}|title|title must not contain NUL",
                "/api/tasks/1/decision|{\"decision\": \"retry\", \"guidance\": \"\\u0000\"}|guidance|guidance must not contain NUL",
                "/api/plans/1/decision|{\"decision\": \"approve\", \"guidance\": \"\\ud800\"}|guidance|guidance must be valid Unicode",
                "/api/tasks|{\"title\": \"ok\", \"dependsOn\": [\"\\ud800\"]}|dependsOn|dependsOn must be valid Unicode",
                "/api/tasks|{\"title\": \"ok\", \"plan\": \"\\u0000\"}|plan|plan must not contain NUL",
                "/api/tasks/1/assign|{\"member\": \"eng-1\\u0000\"}|member|member must not contain NUL"
            })
    void nulAndLoneSurrogatesAreRefusedByName(String path, String body, String field, String message) throws Exception {
        int before = taskCount();
        assertRefused(post(path, body), field, message);
        assertThat(taskCount()).as("nothing is started").isEqualTo(before);
    }

    @Test
    void aSurrogatePairIsText() throws Exception {
        HttpResponse<String> created = post("{\"title\": \"Ship it \\ud83d\\ude80\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        assertThat(((Map<?, ?>) json.readValue(get("/api/tasks/" + id).body(), Map.class)
                                .get("task"))
                        .get("title"))
                .isEqualTo("Ship it \ud83d\ude80");
    }

    @Test
    void aDuplicateKeyIsRefusedByName() throws Exception {
        int before = taskCount();
        assertRefused(
                post("{\"title\": \"harmless\", \"body\": \"x\", \"title\": \"other\"}"),
                "title",
                "field 'title' is given twice");
        assertThat(taskCount()).as("nothing is started").isEqualTo(before);
    }

    @Test
    void unknownFiltersAreRefusedByName() throws Exception {
        HttpResponse<String> status = get("/api/tasks?status=bogus");
        assertRefused(status, "status", "unknown status 'bogus'; known: todo, blocked");
        assertThat(status.body()).contains(String.join(", ", TaskStatus.wireNames()));
        assertRefused(get("/api/tasks?plan=abc"), "plan", "plan must be a plan id (a number), got 'abc'");
        assertThat(get("/api/tasks?status=merged").statusCode()).isEqualTo(200);
    }

    /** Every error under /api is {"error", "field"} JSON, whatever refused the request. */
    @Test
    void everyErrorHasTheOneShape() throws Exception {
        HttpResponse<String> wrongType = send(HttpRequest.newBuilder(uri("/api/tasks"))
                .header("Authorization", ApiTokens.bearer(repository().root()))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("title=x"))
                .build());
        assertShape(wrongType, 415, "is not accepted: send JSON with Content-Type: application/json");
        assertThat(wrongType.body()).contains("Content-Type 'text/plain");

        // as a browser asks: Spring Boot's error page answered these in HTML
        assertShape(asBrowser("DELETE", "/api/tasks"), 405, "method DELETE is not allowed on /api/tasks; allowed: ");
        assertShape(asBrowser("GET", "/api/nothing-here"), 404, "no such API path: GET /api/nothing-here");

        assertShape(post(""), 400, "the request body must be a JSON object");
        assertThat(post("").body()).doesNotContain("dev.bosun", "JsonNode");

        HttpResponse<String> failed = post("/api/test-failure", "{}");
        assertShape(failed, 500, "internal error; see the server log");
        assertThat(failed.body()).doesNotContain("secret detail", "Exception", "at dev.");

        HttpResponse<String> noToken =
                send(HttpRequest.newBuilder(uri("/api/tasks")).GET().build());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(json.readValue(noToken.body(), Map.class)).containsKey("error");
    }

    private HttpResponse<String> asBrowser(String method, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", ApiTokens.bearer(repository().root()))
                .header("Accept", "text/html")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private void assertShape(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        Map<?, ?> error = json.readValue(response.body(), Map.class);
        assertThat(new java.util.ArrayList<Object>(error.keySet())).containsExactly("error", "field");
        assertThat((String) error.get("error")).contains(message);
    }

    private void assertRefused(HttpResponse<String> response, String field, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<?, ?> error = json.readValue(response.body(), Map.class);
        assertThat(error.get("field")).as(response.body()).isEqualTo(field);
        assertThat((String) error.get("error")).contains(message);
    }

    /** Stands for any bug behind /api: an exception no handler expects. */
    @RestController
    static class FailingController {
        @PostMapping("/api/test-failure")
        void fail() {
            throw new IllegalStateException("secret detail of a bug");
        }
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
