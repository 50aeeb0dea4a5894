package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedClaudeModel;
import dev.bosun.support.ScriptedClaudeModel.ToolCall;

/**
 * What Claude's turns cost, with the real binary against {@link ScriptedClaudeModel}: the usage the
 * scripted model reported is the turn's in {@code GET /api/tasks/{id}}, summed for the task; and a
 * budget smaller than one turn's cost escalates "budget exceeded" before the second turn, whose fix
 * the model never gets to write.
 */
@AgentCliTest.AgentCli(binary = "claude", npmPackage = "@anthropic-ai/claude-code@2.1.328")
class ClaudeBudgetTest extends AgentCliTest {

    private static final String MARKER = "BRO" + "KEN";
    private static final String RED_DRAFT =
            "printf 'draft " + "BRO''KEN" + "\\n' > claude.txt && git add claude.txt && git commit -q -m draft";

    @RegisterExtension
    static final ScriptedModel<ScriptedClaudeModel> model = scriptedModel(
                    "claude",
                    "claude-sonnet-4-5",
                    2,
                    () -> ScriptedClaudeModel.withToolCalls(prompt -> prompt.contains("FAIL: a file is " + MARKER)
                            ? List.of(ToolCall.bash("echo fixing"))
                            : List.of(ToolCall.bash(RED_DRAFT))),
                    claude -> Map.of(
                            "HOME", claudeHome().toString(),
                            "ANTHROPIC_BASE_URL", claude.baseUrl(),
                            "ANTHROPIC_API_KEY", "sk-scripted",
                            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                            "IS_SANDBOX", "1"))
            // Far below one turn's cost: the first turn may run, the second may not.
            .withTeamSettings("budget:\n  task_usd: 0.000001\n");

    @Test
    void aTurnsUsageIsRecordedAndABudgetOfLessThanOneTurnEscalatesBeforeTheSecond() {
        String id = addTask("Add claude.txt", "Create claude.txt with a greeting and commit it.");

        JsonNode task = awaitFinished(id);

        assertThat(task.path("task").path("status").asText())
                .as("%s%n%s", task, terminal())
                .isEqualTo("escalated");
        assertThat(task.path("failureReason").asText())
                .startsWith("Budget exceeded: task " + id + " has spent $")
                .contains("task_usd 0.000001");
        JsonNode turns = task.path("turns");
        assertThat(turns)
                .as("one turn ran; the fix turn was refused before it started")
                .hasSize(1);
        JsonNode turn = turns.get(0);
        long each = ScriptedClaudeModel.USAGE.allInputTokens();
        assertThat(turn.path("inputTokens").asLong())
                .isPositive()
                .satisfies(tokens -> assertThat(tokens % each)
                        .as("a whole number of the scripted model's answers")
                        .isZero());
        assertThat(turn.path("outputTokens").asLong() % ScriptedClaudeModel.USAGE.outputTokens())
                .isZero();
        assertThat(new BigDecimal(turn.path("costUsd").asText())).isPositive();
        assertThat(task.path("usage").path("inputTokens").asLong())
                .isEqualTo(turn.path("inputTokens").asLong());
        assertThat(task.path("usage").path("turns").asInt()).isEqualTo(1);
        assertThat(model.get().agentRequests())
                .as("the model never saw the fix turn")
                .noneMatch(r -> ScriptedClaudeModel.lastUserText(r).contains("FAIL: a file is " + MARKER));
    }

    private static Path claudeHome() {
        try {
            return Files.createDirectories(home.resolve("claude-home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
