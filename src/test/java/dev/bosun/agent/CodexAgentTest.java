package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedCodexModel;

/**
 * The {@code codex} agent kind with the real Codex CLI: the engineer runs {@code codex exec} in
 * its worktree's PTY against {@link ScriptedCodexModel}, whose one tool call writes and commits a
 * file; Bosun tests and merges it.
 */
@AgentCliTest.AgentCli(binary = "codex", npmPackage = "@openai/codex@0.169.0")
class CodexAgentTest extends AgentCliTest {

    @RegisterExtension
    static final ScriptedModel<ScriptedCodexModel> model = scriptedModel(
            "codex", "scripted-model", 0, () -> ScriptedCodexModel.start(helloCommand("codex")), codex -> {
                codex.writeConfig(home.resolve("codex-home"));
                return Map.of(
                        "CODEX_HOME",
                        home.resolve("codex-home").toString(),
                        ScriptedCodexModel.KEY_VARIABLE,
                        "test-key");
            });

    @Test
    void codexCommitsInItsWorktreeAndBosunMergesIt() {
        String title = "Say hello from Codex";
        String body = "Write codex.txt saying hello, then commit it.";
        String id = addTask(title, body);

        JsonNode task = awaitFinished(id);

        assertHelloMerged(task, "codex");
        assertThat(model.get().userTexts())
                .as("the prompt as Codex sent it to the model")
                .contains(firstTurnPrompt(id, title, body));
        assertThat(model.get().toolOutputs())
                .as("what Codex's shell printed for the scripted command")
                .singleElement()
                .asString()
                .contains(bosunLauncher());
        assertThat(terminal())
                .as("the member's terminal shows Codex's own output")
                .contains("OpenAI Codex v", "provider: scripted", "model: scripted-model", "add codex.txt")
                .contains("=== end turn " + id + " attempt 1: exit code 0 ");
    }
}
