package dev.bosun.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.cli.BosunCli;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/**
 * The team as the server runs it from .bosun/team.yaml (architect + dev-1, dev-2 with the script
 * agent, stall_timeout 1s): /api/status follows a member from idle to working to stalled and
 * back, and assign and merge refuse what the state does not allow. The tests share one server,
 * so each starts from an idle team: what an earlier test left running is let finish and what it
 * left escalated is abandoned.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bosun.worker.poll-interval=100ms")
class TeamApiTest extends RepositoryBackedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** A task in one of these still moves on its own; the others wait for a person or are done. */
    private static final List<String> MOVING = List.of("todo", "in-progress", "testing", "merging");

    @DynamicPropertySource
    static void team(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        Files.writeString(bosun.resolve("team.yaml"), """
                name: api-team
                agent: script
                test_command: [sh, test.sh]
                max_retries: 1
                stall_timeout: 1s
                roles:
                  - name: architect
                    role_type: architect
                  - name: dev
                    role_type: engineer
                    instances: 2
                """);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** No task moving, none escalated (so no engineer holds one), every member idle. */
    @BeforeEach
    void startFromAnIdleTeam() {
        Await.until(
                "an idle team",
                PATIENCE,
                this::statusAfterAbandoningEscalations,
                s -> MOVING.stream()
                                .allMatch(status -> s.path("tasks").path(status).isEmpty())
                        && s.path("tasks").path("escalated").isEmpty()
                        && s.path("members").findValuesAsText("state").stream().allMatch("idle"::equals));
    }

    private JsonNode statusAfterAbandoningEscalations() {
        for (String id : status().path("tasks").path("escalated").findValuesAsText("id")) {
            HttpResponse<String> abandoned = post("/api/tasks/" + id + "/decision", "{\"decision\": \"abandon\"}");
            assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(204);
        }
        return status();
    }

    @Test
    void statusShowsTheTeamFileMembersWorkingThenStalledThenIdle() throws Exception {
        JsonNode idle = get("/api/status");
        assertThat(idle.path("team").asText()).isEqualTo("api-team");
        assertThat(idle.path("members"))
                .extracting(m -> m.path("name").asText() + ":" + m.path("state").asText())
                .containsExactly("architect:idle", "dev-1:idle", "dev-2:idle");
        assertThat(idle.path("tasks").path("todo")).isEmpty();
        assertThat(idle.path("mergeLockHolder").isNull()).isTrue();

        String id = create(
                "Think a while",
                "```bosun-script\nsay thinking\nrun bosun status\nsleep 4s\nwrite slow.md <<EOF\nok\nEOF\ncommit slow\n```\n");
        JsonNode working = Await.until(
                "a dev to work on " + id,
                PATIENCE,
                this::status,
                s -> memberOf(s, id) != null
                        && memberOf(s, id).path("state").asText().equals("working"));
        JsonNode worker = memberOf(working, id);
        assertThat(worker.path("taskStatus").asText()).isEqualTo("in-progress");
        String member = worker.path("name").asText();

        HttpResponse<String> notYet = post("/api/members/" + member + "/merge", "{}");
        assertThat(notYet.statusCode()).isEqualTo(409);
        assertThat(notYet.body()).contains("task " + id + " is in-progress");

        Await.until(
                member + " to be stalled",
                PATIENCE,
                this::status,
                s -> memberOf(s, id) != null
                        && memberOf(s, id).path("state").asText().equals("stalled"));
        JsonNode merged = Await.until(
                "task " + id + " merged",
                PATIENCE,
                this::status,
                s -> s.path("tasks").path("merged").findValuesAsText("id").contains(id));
        assertThat(merged.path("members"))
                .allSatisfy(m -> assertThat(m.path("state").asText()).isEqualTo("idle"));
        assertThat(Files.readString(repository().root().resolve(".bosun/events.jsonl")))
                .contains("\"event\":\"member_stalled\"")
                .contains("\"member\":\"" + member + "\"");

        assertThat(Files.readString(repository().root().resolve(".bosun/logs/" + member + ".log")))
                .as("the agent ran this build's bosun against this server")
                .contains("team api-team at http://127.0.0.1:" + port);

        String board = getText("/api/board");
        assertThat(board).contains("## DONE").contains("#" + id + " Think a while (" + member);
    }

    @Test
    void assignAndMergeRefuseWhatTheTeamAndTheTasksDoNotAllow() throws Exception {
        assertError(post("/api/members/nobody/merge", "{}"), 404, null, "no engineer named 'nobody'");
        assertError(post("/api/members/architect/merge", "{}"), 404, null, "engineers: dev-1, dev-2");
        assertError(post("/api/members/dev-2/merge", "{}"), 409, null, "dev-2 has no unfinished task");
        assertError(
                post("/api/tasks/424242/assign", "{\"member\": \"dev-1\"}"), 404, "task", "no task with id '424242'");

        String id = create("Wait for dev-2", "");
        assertError(
                post("/api/tasks/" + id + "/assign", "{\"member\": \"architect\"}"),
                400,
                "member",
                "'architect' is not an engineer");
        assertError(
                post("/api/tasks/" + id + "/assign", "{\"member\": \"dev-2\", \"why\": 1}"),
                400,
                "why",
                "unknown field");
        assertError(post("/api/tasks/" + id + "/assign", "{}"), 400, "member", "member must name an engineer");
    }

    @Test
    void anEscalationIsDecidedFromTheCommandLine() throws Exception {
        String id = create("Nothing to commit", "");
        Await.until(
                "task " + id + " escalated",
                PATIENCE,
                this::status,
                s -> s.path("tasks").path("escalated").findValuesAsText("id").contains(id));

        Cli refused = cli("decide", id, "shrug");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).startsWith("bosun: ").contains("shrug");
        Cli decided = cli("decide", "#" + id, "abandon");
        assertThat(decided.code()).as(decided.err()).isZero();
        assertThat(decided.out()).contains("task " + id + ": abandon");
        assertThat(get("/api/tasks/" + id).path("task").path("status").asText()).isEqualTo("abandoned");
        assertThat(cli("decide", id, "retry").err()).contains("no open escalation");
    }

    private record Cli(int code, String out, String err) {}

    private Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withUrl = Stream.concat(Arrays.stream(args), Stream.of("--url", "http://127.0.0.1:" + port))
                .toArray(String[]::new);
        int code = BosunCli.run(withUrl, repository().root(), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }

    private void assertError(HttpResponse<String> response, int status, String field, String message)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json.readTree(response.body());
        assertThat(error.path("error").asText()).contains(message);
        if (field != null) {
            assertThat(error.path("field").asText()).isEqualTo(field);
        }
    }

    private static JsonNode memberOf(JsonNode status, String taskId) {
        for (JsonNode member : status.path("members")) {
            if (taskId.equals(member.path("task").asText())) {
                return member;
            }
        }
        return null;
    }

    private String create(String title, String body) throws Exception {
        HttpResponse<String> created =
                post("/api/tasks", json.writeValueAsString(Map.of("title", title, "body", body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("id").asText();
    }

    private JsonNode status() {
        try {
            return get("/api/status");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(getText(path));
    }

    private String getText(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", ApiTokens.bearer(repository().root()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String path, String body) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header(
                                    "Authorization",
                                    ApiTokens.bearer(repository().root()))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
