package dev.bosun.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.CommandAgent;
import dev.bosun.agent.MemberActivity;
import dev.bosun.agent.MemberAgents;
import dev.bosun.agent.TurnLedger;
import dev.bosun.board.TaskReadModel;
import dev.bosun.events.LogRotation;
import dev.bosun.process.NewTask;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.security.Redactor;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.Await;
import dev.bosun.support.PrintedUsage;
import dev.bosun.support.RawHttp;
import dev.bosun.support.RepositoryBackedTest;

/**
 * Health and metrics of a real server (the real engine on H2, a real git repository, two
 * engineers running a command agent in real PTYs, the real test command and merge lock) after a
 * run of three tasks: {@code /actuator/prometheus} carries what that run did (3 merged tasks, its
 * turns with their tokens and cost, its green test runs, the merge lock taken and held 3 times),
 * {@code /actuator/health} is UP with engine, db, diskSpace and git, and each endpoint answers
 * whom it should. Before Actuator both answered 404.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.worker.poll-interval=100ms", "bosun.test-timeout=60s", "bosun.turn-timeout=2m"})
@Import(OperationsEndpointsTest.UsagePrintingAgent.class)
// Spring Boot's tests turn metrics export off unless asked; the packaged server exports them.
@AutoConfigureObservability(tracing = false)
class OperationsEndpointsTest extends RepositoryBackedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each task's own file, committed; the usage line last, as Claude Code prints its result. */
    static final String AGENT_SCRIPT = """
            #!/bin/sh
            echo "work of task $BOSUN_TASK" > "work-$BOSUN_TASK.txt"
            git add "work-$BOSUN_TASK.txt" && git commit -qm "work on task $BOSUN_TASK"
            echo "usage: input=1000 output=100 cost=0.005"
            """;

    @DynamicPropertySource
    static void team(DynamicPropertyRegistry registry) throws IOException {
        Path script = Files.writeString(home.resolve("agent.sh"), AGENT_SCRIPT);
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        Files.writeString(bosun.resolve("team.yaml"), """
                name: observed
                agent: command
                test_command: [sh, test.sh]
                roles:
                  - name: dev
                    role_type: engineer
                    instances: 2
                    command: [sh, %s]
                """.formatted(script));
    }

    /** The members run the script through the real routing, redaction and every turn ledger of the context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class UsagePrintingAgent {

        @Bean
        @Primary
        AgentTurn usagePrintingAgents(
                MemberActivity activity, Redactor redactor, ObjectProvider<TurnLedger> ledgers, Clock clock) {
            CommandAgent agent = new CommandAgent(
                    List.of("sh", home.resolve("agent.sh").toString()),
                    null,
                    CommandAgent.LongPrompt.POINT_TO_FILE,
                    new PrintedUsage(),
                    UnaryOperator.identity(),
                    LogRotation.off());
            return new MemberAgents(
                    Map.of(),
                    agent,
                    activity,
                    redactor::redact,
                    TurnLedger.all(ledgers.orderedStream().toList()),
                    clock);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRunOfThreeTasksShowsInThePrometheusMetrics() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(lifecycle.start(new NewTask("Work " + i, "Write your work file.", TaskPriority.NORMAL)));
        }
        for (String id : ids) {
            Await.until(
                    "task " + id + " to be merged",
                    PATIENCE,
                    () -> tasks.find(id).orElseThrow().task().status(),
                    "merged"::equals);
        }
        long turns = get("/api/status", ApiTokens.person(repository.root()))
                .path("usage")
                .path("total")
                .path("turns")
                .asLong();
        assertThat(turns).as("the turn ledger's count").isGreaterThanOrEqualTo(3);

        String metrics = Await.until(
                "the task gauges to show the 3 merged tasks",
                PATIENCE,
                this::prometheus,
                text -> value(text, "bosun_tasks", "status", "merged").orElse(0) == 3);

        assertThat(value(metrics, "bosun_tasks", "status", "todo")).hasValue(0);
        assertThat(value(metrics, "bosun_tasks", "status", "in-progress")).hasValue(0);
        assertThat(value(metrics, "bosun_tasks", "status", "escalated")).hasValue(0);
        assertThat(value(metrics, "bosun_tasks_waiting_for_engineer")).hasValue(0);

        assertThat(value(metrics, "bosun_turns_seconds_count", "kind", "command", "outcome", "ok"))
                .hasValue(turns);
        assertThat(value(metrics, "bosun_turns_seconds_bucket", "kind", "command", "outcome", "ok", "le", "+Inf"))
                .as("a histogram")
                .hasValue(turns);
        assertThat(value(metrics, "bosun_turns_seconds_sum", "kind", "command", "outcome", "ok")
                        .orElse(-1))
                .isPositive();
        assertThat(value(metrics, "bosun_agent_tokens_total", "kind", "command", "direction", "input"))
                .hasValue(1000.0 * turns);
        assertThat(value(metrics, "bosun_agent_tokens_total", "kind", "command", "direction", "output"))
                .hasValue(100.0 * turns);
        assertThat(value(metrics, "bosun_agent_cost_usd_total", "kind", "command")
                        .orElse(-1))
                .isCloseTo(0.005 * turns, within(1e-9));

        // the gate ran once per task; a merge re-tests when its rebase changed the commit
        assertThat(value(metrics, "bosun_test_runs_seconds_count", "result", "green")
                        .orElse(-1))
                .isBetween(3.0, 6.0);
        assertThat(value(metrics, "bosun_test_runs_seconds_count", "result", "red"))
                .isEmpty();

        assertThat(value(metrics, "bosun_merge_lock_wait_seconds_count", "acquired", "true"))
                .hasValue(3);
        assertThat(value(metrics, "bosun_merge_lock_wait_seconds_count", "acquired", "false"))
                .isEmpty();
        assertThat(value(metrics, "bosun_merge_lock_hold_seconds_count", "outcome", "merged"))
                .hasValue(3);
        assertThat(value(metrics, "bosun_merge_lock_hold_seconds_sum", "outcome", "merged")
                        .orElse(-1))
                .isPositive();
    }

    @Test
    void healthIsUpWithItsComponentsForAProbeWithoutAToken() throws IOException {
        HttpResponse<String> response = send("/actuator/health", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        for (String component : List.of("engine", "db", "diskSpace", "git")) {
            JsonNode node = health.path("components").path(component);
            assertThat(node.path("status").asText()).as(component).isEqualTo("UP");
            assertThat(node.has("details"))
                    .as("no details without a token: " + component)
                    .isFalse();
        }
        assertThat(send("/actuator/health", ApiTokens.agent(repository.root(), "dev-1"))
                        .body())
                .as("an agent sees no details either")
                .contains("\"UP\"")
                .doesNotContain("\"details\"");
    }

    @Test
    void healthDetailsAreThePersons() throws IOException {
        JsonNode components =
                get("/actuator/health", ApiTokens.person(repository.root())).path("components");
        JsonNode git = components.path("git").path("details");
        assertThat(git.path("head").asText())
                .isEqualTo(repository.git("rev-parse", "HEAD").strip());
        assertThat(git.path("trunk").asText()).isEqualTo("main");
        assertThat(components
                        .path("engine")
                        .path("details")
                        .path("processDefinitions")
                        .asLong())
                .as("task-lifecycle and plan")
                .isGreaterThanOrEqualTo(2);
        assertThat(Path.of(components
                        .path("diskSpace")
                        .path("details")
                        .path("path")
                        .asText()))
                .isEqualTo(repository.root().toAbsolutePath());
        assertThat(components.path("db").path("details").path("database").asText())
                .isEqualTo("H2");
    }

    @Test
    void prometheusIsThePersonsAndNothingElseOfActuatorIsExposed() {
        assertThat(send("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(send("/actuator/prometheus", ApiTokens.agent(repository.root(), "dev-1"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> metrics = send("/actuator/prometheus", ApiTokens.person(repository.root()));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("bosun_tasks{", "bosun_tasks_waiting_for_engineer");
        for (String endpoint : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/metrics")) {
            assertThat(send(endpoint, ApiTokens.person(repository.root())).statusCode())
                    .as(endpoint)
                    .isEqualTo(404);
        }
        assertThat(RawHttp.get(port, "rebind.attacker.example:" + port, "/actuator/health", null))
                .startsWith("HTTP/1.1 403");
    }

    private String prometheus() {
        HttpResponse<String> response = send("/actuator/prometheus", ApiTokens.person(repository.root()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /**
     * The value of the sample {@code name} whose labels include every given pair, from Prometheus's
     * text format ({@code name{a="x",b="y"} 3.0}); empty when there is none.
     */
    static OptionalDouble value(String exposition, String name, String... labelPairs) {
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            String rest = line.substring(name.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int end = rest.lastIndexOf('}');
                labels = rest.substring(1, end);
                rest = rest.substring(end + 1);
            }
            boolean all = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                all &= ("," + labels + ",").contains("," + labelPairs[i] + "=\"" + labelPairs[i + 1] + "\",");
            }
            if (all) {
                return OptionalDouble.of(Double.parseDouble(rest.strip().split(" ")[0]));
            }
        }
        return OptionalDouble.empty();
    }

    private JsonNode get(String path, String token) throws IOException {
        HttpResponse<String> response = send(path, token);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
