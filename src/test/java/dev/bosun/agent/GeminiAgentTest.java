package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedGeminiModel;

/**
 * The {@code gemini} agent kind with the real Gemini CLI: the engineer runs
 * {@code gemini --yolo --skip-trust --prompt=...} in its worktree's PTY against
 * {@link ScriptedGeminiModel}, whose one shell tool call writes and commits a file; Bosun tests
 * and merges it.
 */
@AgentCliTest.AgentCli(binary = "gemini", npmPackage = "@google/gemini-cli@0.61.0")
class GeminiAgentTest extends AgentCliTest {

    @RegisterExtension
    static final ScriptedModel<ScriptedGeminiModel> model = scriptedModel(
            "gemini", "scripted-model", 0, () -> ScriptedGeminiModel.start(helloCommand("gemini")), gemini -> {
                Path geminiHome = home.resolve("gemini-home");
                gemini.writeSettings(geminiHome);
                return Map.of(
                        "GEMINI_CLI_HOME",
                        geminiHome.toString(),
                        "GOOGLE_GEMINI_BASE_URL",
                        gemini.baseUrl(),
                        "GEMINI_API_KEY",
                        "test-key");
            });

    @Test
    void geminiCommitsInItsWorktreeAndBosunMergesIt() {
        String title = "Say hello from Gemini";
        String body = "Write gemini.txt saying hello, then commit it.";
        String id = addTask(title, body);

        JsonNode task = awaitFinished(id);

        assertHelloMerged(task, "gemini");
        assertThat(model.get().userTexts())
                .as("the prompt as Gemini sent it to the model")
                .contains(firstTurnPrompt(id, title, body));
        assertThat(model.get().toolOutputs())
                .as("what Gemini's shell printed for the scripted command")
                .singleElement()
                .asString()
                .contains(bosunLauncher());
        assertThat(terminal())
                .as("the member's terminal shows Gemini's own output")
                .contains("YOLO mode is enabled", "done")
                .contains("=== end turn " + id + " attempt 1: exit code 0 ");
    }
}
