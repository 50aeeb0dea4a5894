package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.CommandAgent;
import dev.bosun.agent.MemberActivity;
import dev.bosun.agent.MemberAgents;
import dev.bosun.agent.TurnLedger;
import dev.bosun.events.LogRotation;
import dev.bosun.security.Redactor;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.PrintedUsage;
import dev.bosun.team.Budget;
import dev.bosun.usage.BudgetCheck;

/**
 * What a task's turns cost, end to end: the real engine on an H2 file, a command agent in a real
 * PTY that commits red work, then the fix, and prints its usage as a CLI does; a small output
 * format of this test reads that line (no shipped kind prints it: the script and command kinds
 * report none, the real CLIs need a model). The turns reach the ledger through {@link MemberAgents},
 * and show per turn and summed in {@code GET /api/tasks/{id}}, per member in {@code /api/status},
 * in {@code bosun task show} and {@code bosun status}; the budget check reads the same table.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.engineers=1", "bosun.worker.poll-interval=100ms", "bosun.test-timeout=60s"})
@Import(TurnUsageIntegrationTest.UsagePrintingAgent.class)
class TurnUsageIntegrationTest extends LifecycleTestSupport {

    /**
     * Attempt 1 commits a file the tests call broken, attempt 2 fixes it; each prints the usage
     * line last, as Claude Code prints its result, with numbers that depend on the attempt.
     */
    static final String AGENT_SCRIPT = """
            #!/bin/sh
            if [ "$BOSUN_ATTEMPT" = 1 ]; then echo "BRO""KEN" > work.txt; else echo fixed > work.txt; fi
            git add work.txt && git commit -qm "work, attempt $BOSUN_ATTEMPT"
            echo "usage: input=$((1000 * BOSUN_ATTEMPT)) output=$((100 * BOSUN_ATTEMPT)) cost=0.00$((4 + BOSUN_ATTEMPT))"
            """;

    @TestConfiguration(proxyBeanMethods = false)
    static class UsagePrintingAgent {

        /** Every member runs the script, through the same routing, redaction and ledger as the configured agents. */
        @Bean
        @Primary
        AgentTurn usagePrintingAgents(MemberActivity activity, Redactor redactor, TurnLedger ledger, Clock clock) {
            Path script = home.resolve("agent.sh");
            try {
                Files.writeString(script, AGENT_SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CommandAgent agent = new CommandAgent(
                    List.of("sh", script.toString()),
                    null,
                    CommandAgent.LongPrompt.POINT_TO_FILE,
                    new PrintedUsage(),
                    UnaryOperator.identity(),
                    LogRotation.off());
            return new MemberAgents(Map.of(), agent, activity, redactor::redact, ledger, clock);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    BudgetCheck budgets;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aTasksTurnsShowPerTurnSummedPerTaskAndPerMemberAndCountAgainstItsBudget() throws Exception {
        String id = start("Write the work file", "Write work.txt and commit it.");

        awaitStatus(id, "merged");

        JsonNode task = get("/api/tasks/" + id);
        assertThat(task.path("task").path("id").asText())
                .as("the task's own fields stay where they were")
                .isEqualTo(id);
        assertThat(task.path("history").isArray()).isTrue();
        JsonNode turns = task.path("turns");
        assertThat(turns).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode turn = turns.get(i);
            int attempt = i + 1;
            assertThat(turn.path("member").asText()).isEqualTo("eng-1");
            assertThat(turn.path("attempt").asInt()).isEqualTo(attempt);
            assertThat(turn.path("exitCode").asInt()).isZero();
            assertThat(turn.path("timedOut").asBoolean()).isFalse();
            assertThat(turn.path("durationMs").asLong()).isPositive();
            assertThat(turn.path("startedAt").asText()).isNotBlank();
            assertThat(turn.path("inputTokens").asLong()).isEqualTo(1000L * attempt);
            assertThat(turn.path("outputTokens").asLong()).isEqualTo(100L * attempt);
            assertThat(turn.path("costUsd").decimalValue()).isEqualByComparingTo("0.00" + (4 + attempt));
        }
        JsonNode total = task.path("usage");
        assertThat(total.path("turns").asLong()).isEqualTo(2);
        assertThat(total.path("turnsWithoutUsage").asLong()).isZero();
        assertThat(total.path("inputTokens").asLong()).isEqualTo(3000);
        assertThat(total.path("outputTokens").asLong()).isEqualTo(300);
        assertThat(total.path("costUsd").decimalValue()).isEqualByComparingTo("0.011");

        JsonNode usage = get("/api/status").path("usage");
        assertThat(usage.path("members").path("eng-1")).isEqualTo(total);
        assertThat(usage.path("total")).isEqualTo(total);
        assertThat(usage.path("plans").isEmpty())
                .as("a task on its own is in no plan")
                .isTrue();

        String shown = cli(port, 0, "task", "show", id);
        assertThat(shown)
                .contains("turns:\n")
                .containsPattern("  \\S+  eng-1  attempt 1  \\d+\\.\\d s  exit 0  1,100 tokens \\(1,000 in, 100 out\\)"
                        + "  \\$0\\.005\n")
                .containsPattern("  \\S+  eng-1  attempt 2  \\d+\\.\\d s  exit 0  2,200 tokens \\(2,000 in, 200 out\\)"
                        + "  \\$0\\.006\n")
                .contains("  total: 2 turns  3,300 tokens (3,000 in, 300 out)  $0.011\n");
        String lastOutput = task.path("lastOutput").asText().strip();
        assertThat(lastOutput).isNotEmpty();
        assertThat(shown)
                .contains("last output")
                .contains("  " + lastOutput.lines().reduce((a, b) -> b).orElseThrow());

        assertThat(cli(port, 0, "status"))
                .contains("USAGE\n")
                .contains("  eng-1          2 turns  3,300 tokens (3,000 in, 300 out)  $0.011\n")
                .contains("  total          2 turns  3,300 tokens (3,000 in, 300 out)  $0.011\n");

        assertThat(budgets.exceeded(new Budget(new BigDecimal("0.011"), null, null, null), id, null))
                .contains("budget exceeded: task " + id + " has spent $0.011 of its task_usd 0.011");
        assertThat(budgets.exceeded(new Budget(null, 3301L, null, null), id, null))
                .isEmpty();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", ApiTokens.bearer(repository().root()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
