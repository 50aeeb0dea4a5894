package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.support.ApiTokens;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.WorkerStandIn;

/**
 * A task that names a manager, in a team with two managers (manager-1 over eng-1-1, manager-2
 * over eng-2-1) and a manager without engineers (lead), through the REST API and the real
 * engine: only the named manager's engineer claims it, {@code assign} to another manager's
 * engineer is refused, bad managers are 400s, and the named manager is the one the review
 * gateway sends the failures to. Claim rounds are driven by hand (workers off).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bosun.worker.enabled=false")
class TaskManagerTest extends RepositoryBackedTest {

    @DynamicPropertySource
    static void teamWithTwoManagers(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        Files.writeString(bosun.resolve("team.yaml"), """
                name: two-managers
                agent: script
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - {name: architect, role_type: architect}
                  - {name: manager, role_type: manager, instances: 2}
                  - {name: lead, role_type: manager}
                  - {name: engineer, role_type: engineer, talks_to: [manager]}
                """);
    }

    @LocalServerPort
    int port;

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    ManagerReviews managers;

    @Autowired
    DataSource dataSource;

    private ClaimRounds rounds;

    @BeforeEach
    void claimRoundsByHand() {
        rounds = new ClaimRounds(externalTasks, runtime, history, dataSource, managers);
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void finishAll() {
        runtime.createProcessInstanceQuery().list().forEach(p -> runtime.deleteProcessInstance(p.getId(), "test done"));
    }

    @Test
    void aTaskNamingManager2IsClaimedOnlyByItsEngineerEvenWhenAnotherIsIdleFirst() throws Exception {
        String id = create("{\"title\": \"for manager-2\", \"manager\": \"manager-2\"}");

        rounds.dispatcher(List.of("eng-1-1")).claimForIdleEngineers();
        assertThat(rounds.claimant(id)).as("manager-1's engineer alone").isNull();
        rounds.dispatcher(List.of("eng-1-1", "eng-2-1")).claimForIdleEngineers();
        assertThat(rounds.claimant(id)).as("manager-1's engineer is idle first").isEqualTo("eng-2-1");

        String anyone = create("{\"title\": \"for anyone\"}");
        rounds.dispatcher(List.of("eng-1-1", "eng-2-1")).claimForIdleEngineers();
        assertThat(rounds.claimant(anyone))
                .as("a task naming no manager: any engineer")
                .isEqualTo("eng-1-1");

        Map<?, ?> details = json.readValue(get("/api/tasks/" + id).body(), Map.class);
        assertThat(details.get("manager")).isEqualTo("manager-2");
        assertThat(json.readValue(get("/api/tasks/" + anyone).body(), Map.class).get("manager"))
                .isNull();
    }

    @Test
    void assigningItToAnotherManagersEngineerIsA409NamingBoth() throws Exception {
        String id = create("{\"title\": \"for manager-2\", \"manager\": \"manager-2\"}");

        HttpResponse<String> refused = post("/api/tasks/" + id + "/assign", "{\"member\": \"eng-1-1\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("manager-2", "eng-1-1", "manager-1");

        HttpResponse<String> assigned = post("/api/tasks/" + id + "/assign", "{\"member\": \"eng-2-1\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(204);
        rounds.dispatcher(List.of("eng-1-1", "eng-2-1")).claimForIdleEngineers();
        assertThat(rounds.claimant(id)).isEqualTo("eng-2-1");
    }

    @ParameterizedTest(name = "manager [{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "nobody|is not a member of this team; managers: manager-1, manager-2, lead",
                "architect|'architect' is not a manager (its role_type is architect)",
                "eng-1-1|'eng-1-1' is not a manager (its role_type is engineer)",
                "lead|manager 'lead' has no engineers reporting to it",
                "' '|manager must name a manager"
            })
    void aBadManagerIsA400NamingTheField(String manager, String message) throws Exception {
        int before = history.createHistoricProcessInstanceQuery().list().size();

        HttpResponse<String> response =
                post("/api/tasks", json.writeValueAsString(Map.of("title", "t", "manager", manager)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<?, ?> error = json.readValue(response.body(), Map.class);
        assertThat(error.get("field")).isEqualTo("manager");
        assertThat((String) error.get("error")).contains(message);
        assertThat(history.createHistoricProcessInstanceQuery().list())
                .as("nothing is started")
                .hasSize(before);
    }

    @Test
    void theNamedManagerReviewsTheFailuresWithoutOneTheEngineersOwn() throws Exception {
        String named = create("{\"title\": \"for manager-2\", \"manager\": \"manager-2\"}");
        rounds.dispatcher(List.of("eng-2-1")).claimForIdleEngineers();
        failOnce(named, "eng-2-1");
        assertThat(reviewWaiting(named))
                .as("Gateway_ManagerReview sends it to a review")
                .isTrue();
        assertThat(managers.reviewer(variablesOf(named))).isEqualTo("manager-2");

        String unnamed = create("{\"title\": \"for anyone\"}");
        rounds.dispatcher(List.of("eng-1-1")).claimForIdleEngineers();
        failOnce(unnamed, "eng-1-1");
        assertThat(reviewWaiting(unnamed)).isTrue();
        assertThat(managers.reviewer(variablesOf(unnamed))).isEqualTo("manager-1");

        // The rule, not the engineer, decides: a named manager reviews whoever worked on it.
        assertThat(managers.reviewer(TaskVariables.of(
                        Map.of(ProcessVariables.MEMBER, "eng-1-1", ProcessVariables.MANAGER, "manager-2"), "test")))
                .isEqualTo("manager-2");
        assertThat(managers.reviewer(TaskVariables.of(Map.of(ProcessVariables.MEMBER, "architect"), "test")))
                .as("no manager above: a human decides")
                .isNull();
    }

    /** One red round with no retries left (max_retries 0): the process reaches Gateway_ManagerReview. */
    private void failOnce(String id, String engineer) {
        WorkerStandIn workers = new WorkerStandIn(externalTasks);
        workers.complete(id, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, engineer + "/" + id));
        workers.turnWithoutCommits(id);
    }

    private boolean reviewWaiting(String id) {
        return externalTasks
                        .createExternalTaskQuery()
                        .topicName(ProcessIds.TOPIC_MANAGER_REVIEW)
                        .processInstanceId(rounds.instance(id).getId())
                        .count()
                == 1;
    }

    private TaskVariables variablesOf(String id) {
        return TaskVariables.of(runtime.getVariables(rounds.instance(id).getId()), "task " + id);
    }

    private String create(String body) throws Exception {
        HttpResponse<String> created = post("/api/tasks", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) json.readValue(created.body(), Map.class).get("id");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", ApiTokens.bearer(repository().root()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", ApiTokens.bearer(repository().root()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
