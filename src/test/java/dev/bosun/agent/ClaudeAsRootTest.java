package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.cli.BosunCli;
import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedClaudeModel;
import dev.bosun.support.ScriptedClaudeModel.ToolCall;

/**
 * Claude Code run as root without {@code IS_SANDBOX} refuses {@code bypassPermissions} and exits 1
 * at once, every turn. Bosun sees the same failure twice, spends no third turn, and escalates with
 * Claude's own refusal line; {@code bosun task show} prints it. Runs only as root (CI runs as root).
 */
@AgentCliTest.AgentCli(binary = "claude", npmPackage = "@anthropic-ai/claude-code@2.1.328")
class ClaudeAsRootTest extends AgentCliTest {

    private static final String REFUSAL = "cannot be used with root/sudo privileges";

    @RegisterExtension
    static final ScriptedModel<ScriptedClaudeModel> model = scriptedModel(
            "claude",
            "claude-sonnet-4-5",
            2,
            () -> ScriptedClaudeModel.withToolCalls(prompt -> List.of(ToolCall.bash("echo never"))),
            claude -> Map.of(
                    "HOME",
                    claudeHome().toString(),
                    "ANTHROPIC_BASE_URL",
                    claude.baseUrl(),
                    "ANTHROPIC_API_KEY",
                    "sk-scripted",
                    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
                    "1"));

    @Test
    void asRootWithoutIsSandboxTheTaskEscalatesAfterTwoTurnsWithClaudesRefusal() {
        assumeTrue("root".equals(System.getProperty("user.name")), "Claude Code refuses only root");
        String id = addTask("Add claude.txt", "Create claude.txt with a greeting and commit it.");

        JsonNode task = awaitFinished(id);

        assertThat(task.path("task").path("status").asText())
                .as("%s%n%s", task, terminal())
                .isEqualTo("escalated");
        assertThat(task.path("task").path("attempts").asInt())
                .as("no third turn")
                .isEqualTo(2);
        assertThat(task.path("failureReason").asText())
                .startsWith("The agent cannot work here")
                .contains(REFUSAL)
                .doesNotContain("No commits ahead");
        assertThat(model.get().agentRequests())
                .as("Claude never reached the model")
                .isEmpty();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BosunCli.run(
                new String[] {"task", "show", id, "--url", "http://127.0.0.1:" + port},
                repository().root(),
                Map.of(),
                new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("last output").contains(REFUSAL);
    }

    private static Path claudeHome() {
        try {
            return Files.createDirectories(home.resolve("claude-home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
