package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

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

    private static ScriptedGeminiModel model;

    @BeforeAll
    static void startModel() {
        model = ScriptedGeminiModel.start(helloCommand("gemini"));
    }

    @AfterAll
    static void stopModel() {
        if (model != null) {
            model.close();
        }
    }

    @DynamicPropertySource
    static void team(DynamicPropertyRegistry registry) {
        Path geminiHome = home.resolve("gemini-home");
        model.writeSettings(geminiHome);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GEMINI_CLI_HOME", geminiHome.toString());
        env.put("GOOGLE_GEMINI_BASE_URL", model.baseUrl());
        env.put("GEMINI_API_KEY", "test-key");
        env.put("PATH", pathWithClis());
        writeTeam("gemini", "scripted-model", 0, env);
    }

    @Test
    void geminiCommitsInItsWorktreeAndBosunMergesIt() {
        String title = "Say hello from Gemini";
        String body = "Write gemini.txt saying hello, then commit it.";
        String id = addTask(title, body);

        JsonNode task = awaitFinished(id);

        assertHelloMerged(task, "gemini");
        assertThat(model.userTexts()).as("the prompt as Gemini sent it to the model")
                .contains(firstTurnPrompt(id, title, body));
        assertThat(model.toolOutputs()).as("what Gemini's shell printed for the scripted command")
                .singleElement().asString().contains(bosunLauncher());
        assertThat(terminal()).as("the member's terminal shows Gemini's own output")
                .contains("YOLO mode is enabled", "done")
                .contains("=== end turn " + id + " attempt 1: exit code 0 ");
    }
}
