package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedClaudeModel;

/**
 * The {@code claude} agent kind with the real Claude Code binary, against
 * {@link ScriptedClaudeModel}: the first turn writes a file that makes the tests red, Bosun sends
 * the last lines of the red run back, the fix turn (a new claude process resuming the first
 * turn's conversation) repairs it, and Bosun merges.
 */
@AgentCliTest.AgentCli(binary = "claude", npmPackage = "@anthropic-ai/claude-code@2.1.328")
class ClaudeCodeAgentTest extends AgentCliTest {

    private static final String MARKER = "BRO" + "KEN";
    /** Starts with a check that Bosun's own bosun is on the PATH Claude Code's shell sees. */
    private static final String FIRST_DRAFT = "command -v bosun > /dev/null && printf 'draft " + "BRO''KEN"
            + "\\n' > claude.txt" + " && git add claude.txt && git commit -q -m 'add claude.txt'";

    private static final String FIX =
            "printf 'hello from claude\\n' > claude.txt && git commit -q -am 'fix claude.txt'";

    @RegisterExtension
    static final ScriptedModel<ScriptedClaudeModel> model = scriptedModel(
            "claude",
            "claude-sonnet-4-5",
            2,
            () -> new ScriptedClaudeModel(prompt -> prompt.contains("FAIL: a file is " + MARKER) ? FIX : FIRST_DRAFT),
            claude -> Map.of(
                    "ANTHROPIC_BASE_URL",
                    claude.baseUrl(),
                    "ANTHROPIC_API_KEY",
                    "sk-scripted",
                    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
                    "1",
                    "IS_SANDBOX",
                    "1"));

    @Test
    void aRedFirstTurnIsFixedByASecondClaudeTurnAndMerged() {
        String id = addTask("Add claude.txt", "Create claude.txt with a greeting and commit it.");

        JsonNode task = awaitFinished(id);

        assertThat(task.path("task").path("status").asText())
                .as("%s%n%s", task, terminal())
                .isEqualTo("merged");
        assertThat(task.path("task").path("attempts").asInt()).isEqualTo(2);
        assertThat(repository().git("show", "main:claude.txt")).isEqualTo("hello from claude");
        assertThat(repository().git("log", "-1", "--format=%an", "main^2")).isEqualTo(ENGINEER);

        List<JsonNode> turns = model.get().agentRequests();
        assertThat(turns).extracting(r -> r.path("model").asText()).containsOnly("claude-sonnet-4-5");
        JsonNode firstTurn = turns.stream()
                .filter(r -> ScriptedClaudeModel.lastUserText(r).contains("Create claude.txt"))
                .findFirst()
                .orElseThrow();
        assertThat(ScriptedClaudeModel.earlierCommands(firstTurn)).isEmpty();
        JsonNode fixTurn = turns.stream()
                .filter(r -> ScriptedClaudeModel.lastUserText(r).contains("FAIL: a file is " + MARKER))
                .findFirst()
                .orElseThrow();
        assertThat(ScriptedClaudeModel.earlierCommands(fixTurn))
                .as("the fix turn resumed the first turn's conversation")
                .startsWith(FIRST_DRAFT);
        assertThat(terminal()).contains("claude").contains("done").contains("attempt 2");
    }
}
