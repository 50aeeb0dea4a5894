package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.support.ApiTokens;
import dev.bosun.support.Await;
import dev.bosun.support.RawHttp;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.WebappSession;

/**
 * The reproductions of issue 7 against a real server over real HTTP: no credential, an agent's
 * token where only the person may go, a foreign Origin or Host, an expression smuggled into a
 * nested query, the admin password, and a forged sender or creator. Each failed on the server
 * before the guard (everything was answered, and the body's {@code from}/{@code createdBy} were trusted).
 * Eight engineers: an escalated task keeps its engineer, and several tests here leave one behind.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.worker.poll-interval=100ms", "bosun.security.allowed-hosts=bosun-1.internal"})
class RequestGuardTest extends RepositoryBackedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void team(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        Files.writeString(bosun.resolve("team.yaml"), """
                name: guarded
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - name: architect
                    role_type: architect
                  - name: dev
                    role_type: engineer
                    instances: 8
                """);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutACredentialApiAndEngineRestAnswer401AskingForBearer() {
        for (String path :
                new String[] {"/api/status", "/api/tasks", "/engine-rest/process-definition", "/engine-rest/user"}) {
            HttpResponse<String> response = send(request(path, null).GET());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.body()).contains("\"error\"");
        }
        assertThat(send(request("/api/status", "not-a-token").GET()).statusCode())
                .isEqualTo(401);
        assertThat(send(request("/api/status", "agent.dev-1.forged").GET()).statusCode())
                .isEqualTo(401);
        assertThat(send(request("/api/status", "agent.nobody." + "x").GET()).statusCode())
                .isEqualTo(401);
        assertThat(send(request("/engine-rest/deployment/create", null).POST(HttpRequest.BodyPublishers.ofString("x")))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anAgentsTokenMayNotDecideMergeAssignReachEngineRestOrReadOthers() throws Exception {
        String agent = ApiTokens.agent(repository().root(), "dev-1");
        String id = JSON.readTree(send(json("/api/tasks", person(), "{\"title\": \"Hold\"}"))
                        .body())
                .path("id")
                .asText();

        assertForbidden(send(json("/api/tasks/" + id + "/decision", agent, "{\"decision\": \"merge\"}")));
        assertForbidden(send(json("/api/members/dev-1/merge", agent, "{}")));
        assertForbidden(send(json("/api/tasks/" + id + "/assign", agent, "{\"member\": \"dev-1\"}")));
        assertForbidden(send(request("/engine-rest/process-definition", agent).GET()));
        assertForbidden(
                send(
                        json(
                                "/engine-rest/external-task/fetchAndLock",
                                agent,
                                "{\"workerId\": \"w\", \"maxTasks\": 1, \"topics\": [{\"topicName\": \"bosun-run-tests\", \"lockDuration\": 1000}]}")));
        assertForbidden(send(request("/api/members/dev-2/log", agent).GET()));
        assertForbidden(send(request("/api/messages?member=dev-2", agent).GET()));
        assertForbidden(
                send(request("/api/messages?member=dev-1&member=dev-2", agent).GET()));
        assertForbidden(send(request("/api/messages", agent).GET()));

        for (String path : new String[] {
            "/api/status",
            "/api/board",
            "/api/tasks",
            "/api/tasks/" + id,
            "/api/members",
            "/api/members/dev-1",
            "/api/members/dev-1/log",
            "/api/messages?member=dev-1"
        }) {
            assertThat(send(request(path, agent).GET()).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theSenderAndTheCreatorComeFromTheTokenNotTheBody() throws Exception {
        String agent = ApiTokens.agent(repository().root(), "dev-1");
        HttpResponse<String> sent = send(
                json("/api/messages", agent, "{\"from\": \"human\", \"to\": \"architect\", \"body\": \"a question\"}"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(JSON.readTree(sent.body()).path("from").asText()).isEqualTo("dev-1");
        long id = JSON.readTree(sent.body()).path("id").asLong();
        assertThat(JSON.readTree(send(request("/api/messages/" + id, person()).GET())
                                .body())
                        .path("from")
                        .asText())
                .isEqualTo("dev-1");

        HttpResponse<String> pastTalksTo =
                send(json("/api/messages", agent, "{\"from\": \"human\", \"to\": \"dev-2\", \"body\": \"hi\"}"));
        assertThat(pastTalksTo.statusCode())
                .as("'from: human' no longer passes talks_to: " + pastTalksTo.body())
                .isEqualTo(403);

        HttpResponse<String> created =
                send(json("/api/tasks", agent, "{\"title\": \"Follow-up\", \"createdBy\": \"human\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String task = JSON.readTree(created.body()).path("id").asText();
        assertThat(JSON.readTree(send(request("/api/tasks/" + task, person()).GET())
                                .body())
                        .path("createdBy")
                        .asText())
                .isEqualTo("dev-1");

        HttpResponse<String> byPerson = send(
                json("/api/messages", person(), "{\"from\": \"dev-2\", \"to\": \"architect\", \"body\": \"hello\"}"));
        assertThat(JSON.readTree(byPerson.body()).path("from").asText()).isEqualTo("human");
    }

    /** An agent's {@code bosun send "$(env)"} or {@code task add} with its keys in it stores none of them. */
    @Test
    void knownSecretsInAMessageOrATaskAreNotStored() throws Exception {
        String agent = ApiTokens.agent(repository().root(), "dev-1");
        String leak = "BOSUN_TOKEN=" + agent + " API_TOKEN=" + person();

        HttpResponse<String> sent = send(json(
                "/api/messages", agent, JSON.writeValueAsString(java.util.Map.of("to", "architect", "body", leak))));
        HttpResponse<String> created = send(json(
                "/api/tasks",
                agent,
                JSON.writeValueAsString(java.util.Map.of("title", "Leak " + agent, "body", leak))));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String stored = send(request(
                                        "/api/messages/"
                                                + JSON.readTree(sent.body())
                                                        .path("id")
                                                        .asText(),
                                        person())
                                .GET())
                        .body()
                + send(request(
                                        "/api/tasks/"
                                                + JSON.readTree(created.body())
                                                        .path("id")
                                                        .asText(),
                                        person())
                                .GET())
                        .body();
        assertThat(stored)
                .contains("BOSUN_TOKEN=[redacted]", "API_TOKEN=[redacted]")
                .doesNotContain(agent, person());
    }

    @Test
    void anAgentAddsATaskAndSendsAMessageWithItsOwnTokenFromInsideItsTurn() throws Exception {
        HttpResponse<String> created = send(
                json(
                        "/api/tasks",
                        person(),
                        JSON.writeValueAsString(
                                Map.of(
                                        "title",
                                        "Delegate",
                                        "body",
                                        "```bosun-script\nrun bosun task add --title \"Split off by the agent\" --priority low\n"
                                                + "run bosun send architect \"split one off\"\nwrite d.md <<EOF\nok\nEOF\ncommit d\n```\n"))));
        String id = JSON.readTree(created.body()).path("id").asText();
        com.fasterxml.jackson.databind.JsonNode split = Await.until(
                "the agent's task",
                Duration.ofSeconds(90),
                () -> findTitled("Split off by the agent"),
                task -> task != null);
        String worker = JSON.readTree(
                        send(request("/api/tasks/" + id, person()).GET()).body())
                .path("task")
                .path("assignee")
                .asText();
        assertThat(worker).startsWith("dev-");
        assertThat(JSON.readTree(send(request("/api/tasks/" + split.path("id").asText(), person())
                                        .GET())
                                .body())
                        .path("createdBy")
                        .asText())
                .isEqualTo(worker);
        com.fasterxml.jackson.databind.JsonNode messages = Await.until(
                "the agent's message",
                Duration.ofSeconds(90),
                () -> readJson(
                        send(request("/api/messages?member=architect", person()).GET())
                                .body()),
                list -> list.findValuesAsText("body").contains("split one off"));
        for (com.fasterxml.jackson.databind.JsonNode message : messages) {
            if (message.path("body").asText().equals("split one off")) {
                assertThat(message.path("from").asText()).isEqualTo(worker);
            }
        }
    }

    private com.fasterxml.jackson.databind.JsonNode findTitled(String title) {
        for (com.fasterxml.jackson.databind.JsonNode task :
                readJson(send(request("/api/tasks", person()).GET()).body())) {
            if (title.equals(task.path("title").asText())) {
                return task;
            }
        }
        return null;
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCliFindsTheTokenByItselfAndSaysSoInOneLineWhenRefused() throws Exception {
        String url = "http://127.0.0.1:" + port;
        String[] ok = cli(Map.of(), "status", "--url", url);
        assertThat(ok[0]).as(ok[2]).isEqualTo("0");
        assertThat(ok[1]).contains("guarded");

        String[] wrong = cli(Map.of("BOSUN_TOKEN", "not-a-token"), "status", "--url", url);
        assertThat(wrong[0]).isEqualTo("1");
        assertThat(wrong[2].strip())
                .startsWith("bosun: the server at " + url + " did not accept the token")
                .doesNotContain("\n");

        String id = JSON.readTree(send(json("/api/tasks", person(), "{\"title\": \"Not yours to decide\"}"))
                        .body())
                .path("id")
                .asText();
        String[] agent = cli(
                Map.of("BOSUN_TOKEN", ApiTokens.agent(repository().root(), "dev-3"), "BOSUN_MEMBER", "dev-3"),
                "decide",
                id,
                "merge",
                "--url",
                url);
        assertThat(agent[0]).isEqualTo("1");
        assertThat(agent[2].strip()).startsWith("bosun: an agent's token may not POST /api/tasks/" + id + "/decision");
    }

    /** The CLI in-process in the repository: exit code, out, err. */
    private String[] cli(Map<String, String> env, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.bosun.cli.BosunCli.run(
                args, repository().root(), env, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aStateChangingRequestFromAnotherOriginIsRefused() {
        String body = "{\"title\": \"From a web page\"}";
        assertForbidden(send(json("/api/tasks", person(), body).header("Origin", "http://attacker.example")));
        assertForbidden(send(json("/api/tasks", person(), body).header("Origin", "null")));
        assertForbidden(send(json("/api/tasks", person(), body).header("Origin", "http://127.0.0.1:" + (port + 1))));
        assertForbidden(send(json("/api/tasks", person(), body).header("Sec-Fetch-Site", "cross-site")));
        assertForbidden(send(request("/engine-rest/deployment/create", person())
                .header("Origin", "http://attacker.example")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n"))));
        assertForbidden(send(request("/camunda/api/admin/auth/user/default/login/tasklist", null)
                .header("Origin", "http://attacker.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x"))));

        HttpResponse<String> sameOrigin = send(json("/api/tasks", person(), body)
                .header("Origin", "http://127.0.0.1:" + port)
                .header("Sec-Fetch-Site", "same-origin"));
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(201);
        assertThat(send(request("/api/status", person())
                                .header("Origin", "http://attacker.example")
                                .GET())
                        .statusCode())
                .as("reading is not state-changing; CORS keeps the answer from the page")
                .isEqualTo(200);
    }

    @Test
    void aHostThatIsNotLoopbackOrListedIsRefused() {
        String token = ApiTokens.person(repository().root());
        assertThat(RawHttp.get(port, "rebind.attacker.example", "/api/status", token))
                .startsWith("HTTP/1.1 403");
        assertThat(RawHttp.get(port, "rebind.attacker.example:" + port, "/camunda/app/tasklist/", null))
                .startsWith("HTTP/1.1 403");
        assertThat(RawHttp.get(port, "rebind.attacker.example", "/engine-rest/process-definition", token))
                .startsWith("HTTP/1.1 403");
        assertThat(RawHttp.get(port, "localhost:" + port, "/api/status", token)).startsWith("HTTP/1.1 200");
        assertThat(RawHttp.get(port, "127.0.0.2:" + port, "/api/status", token)).startsWith("HTTP/1.1 200");
        assertThat(RawHttp.get(port, "[::1]:" + port, "/api/status", token)).startsWith("HTTP/1.1 200");
        assertThat(RawHttp.get(port, "bosun-1.internal:" + port, "/api/status", token))
                .as("listed in allowed-hosts")
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void anExpressionKeyAtAnyDepthIsA400AndNothingRuns() throws Exception {
        Path marker = home.resolve("expression-ran");
        String expression =
                "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch "
                        + marker + "')}";
        String nested = JSON.writeValueAsString(
                Map.of("orQueries", java.util.List.of(Map.of("assigneeExpression", expression))));
        HttpResponse<String> refused = send(json("/engine-rest/task", person(), nested));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("assigneeExpression");

        String deeper = JSON.writeValueAsString(
                Map.of("orQueries", java.util.List.of(Map.of("x", Map.of("DueDateEXPRESSION", expression)))));
        assertThat(send(json("/engine-rest/task/count", person(), deeper)).statusCode())
                .isEqualTo(400);
        assertThat(send(request(
                                        "/engine-rest/task?assigneeExpression="
                                                + java.net.URLEncoder.encode(expression, StandardCharsets.UTF_8),
                                        person())
                                .GET())
                        .statusCode())
                .isEqualTo(400);
        assertThat(send(json("/camunda/api/engine/engine/default/task", null, nested))
                        .statusCode())
                .as("the webapps' engine API too")
                .isEqualTo(400);

        assertThat(send(json("/engine-rest/task", person(), "{\"orQueries\": [{\"assignee\": \"admin\"}]}"))
                        .statusCode())
                .as("a query without expressions still works")
                .isEqualTo(200);
        assertThat(marker).as("no expression was evaluated").doesNotExist();
    }

    @Test
    void theAdminLoginIsTheGeneratedPasswordAndCamundasOwnChecksApply() throws Exception {
        Path file = repository().root().resolve(".bosun/secrets/admin-password");
        String password = Files.readString(file).strip();
        assertThat(password).isNotEqualTo("admin").hasSizeGreaterThanOrEqualTo(32);

        assertThat(send(basic("/engine-rest/user", "admin", password).GET()).statusCode())
                .isEqualTo(200);
        assertThat(webappLogin("admin", password)).isEqualTo(200);

        assertThat(send(basic("/engine-rest/user", "admin", "admin").GET()).statusCode())
                .isEqualTo(401);
        assertThat(webappLogin("admin", "admin")).isNotEqualTo(200);

        HttpResponse<String> change = send(json(
                        "/engine-rest/user/admin/credentials",
                        person(),
                        "{\"password\": \"taken-over-1\", \"authenticatedUserPassword\": \"wrong\"}")
                .method(
                        "PUT",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"password\": \"taken-over-1\", \"authenticatedUserPassword\": \"wrong\"}")));
        assertThat(change.statusCode()).as(change.body()).isEqualTo(400);
        assertThat(send(basic("/engine-rest/user", "admin", "taken-over-1").GET())
                        .statusCode())
                .isEqualTo(401);
        // Camunda delays the next login after failed ones; the password is still the generated one
        Await.until(
                "the generated password to work again",
                Duration.ofSeconds(90),
                () -> send(basic("/engine-rest/user", "admin", password).GET()).statusCode(),
                status -> status == 200);
    }

    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    /** With Camunda's authorization on, a member of humans who is not the admin still decides an escalation in Tasklist. */
    @Test
    void aHumanWhoIsNotAdminDecidesAnEscalationInTasklist() throws Exception {
        org.camunda.bpm.engine.identity.User alice = identity.newUser("alice");
        alice.setPassword("alice-password-1");
        identity.saveUser(alice);
        identity.createMembership("alice", "humans");
        String id = JSON.readTree(send(json("/api/tasks", person(), "{\"title\": \"Nothing to do\"}"))
                        .body())
                .path("id")
                .asText();
        Await.until(
                "task " + id + " escalated",
                Duration.ofSeconds(120),
                () -> readJson(send(request("/api/tasks/" + id, person()).GET()).body())
                        .path("task")
                        .path("status")
                        .asText(),
                "escalated"::equals);

        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("alice", "alice-password-1")).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode tasks =
                readJson(tasklist.call("GET", "/camunda/api/engine/engine/default/task?candidateGroup=humans", null)
                        .body());
        String taskId = null;
        for (com.fasterxml.jackson.databind.JsonNode task : tasks) {
            if (task.path("name").asText().contains("Nothing to do")) {
                taskId = task.path("id").asText();
            }
        }
        assertThat(taskId).as("alice sees the escalation: " + tasks).isNotNull();
        assertThat(tasklist.call("GET", "/camunda/api/engine/engine/default/task/" + taskId + "/deployed-form", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(tasklist.call("GET", "/camunda/api/engine/engine/default/task/" + taskId + "/form-variables", null)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = tasklist.call(
                "POST",
                "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"shrug\", \"type\": \"String\"}}}");
        assertThat(refused.statusCode())
                .as("Camunda's REST API answers 500 to any engine exception on completing")
                .isEqualTo(500);
        assertThat(refused.body()).contains("variable 'decision' must be one of retry, abandon, merge; got: 'shrug'");
        HttpResponse<String> submitted = tasklist.call(
                "POST",
                "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"abandon\", \"type\": \"String\"}}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);
        Await.until(
                "task " + id + " abandoned",
                Duration.ofSeconds(60),
                () -> readJson(send(request("/api/tasks/" + id, person()).GET()).body())
                        .path("task")
                        .path("status")
                        .asText(),
                "abandoned"::equals);
    }

    @Test
    void theSecretsAreOnlyTheOwners() throws Exception {
        Path secrets = repository().root().resolve(".bosun/secrets");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rwx------");
        for (String name : new String[] {"api-token", "admin-password"}) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(secrets.resolve(name))))
                    .as(name)
                    .isEqualTo("rw-------");
        }
        assertThat(Base64.getUrlDecoder().decode(ApiTokens.person(repository().root())))
                .hasSize(32);
    }

    /** As Tasklist's login page does it: a session and CSRF token first, then the form. */
    private int webappLogin(String user, String password) {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        try {
            HttpResponse<String> page = browser.send(
                    request("/camunda/app/tasklist/default/", null).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElse("");
            HttpResponse<String> login = browser.send(
                    request("/camunda/api/admin/auth/user/default/login/tasklist", null)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-XSRF-TOKEN", csrf)
                            .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return login.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String person() {
        return ApiTokens.person(repository().root());
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as(response.request().method() + " " + response.request().uri() + ": " + response.body())
                .isEqualTo(403);
        assertThat(response.body()).contains("\"error\"");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder json(String path, String token, String body) {
        return request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder basic(String path, String user, String password) {
        return request(path, null)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
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
