package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedGeminiModel;
import dev.bosun.team.AgentKind;

/**
 * The {@code gemini} agent kind with the real Gemini CLI: the engineer runs
 * {@code gemini --yolo --skip-trust --prompt=...} in its worktree's PTY against
 * {@link ScriptedGeminiModel}, whose one shell tool call writes and commits a file; Bosun tests
 * and merges it. And a fix turn that continues the first turn's session ({@code --resume ID}),
 * each turn reporting its own usage.
 */
@AgentCliTest.AgentCli(binary = "gemini", npmPackage = "@google/gemini-cli@0.61.0")
class GeminiAgentTest extends AgentCliTest {

    @RegisterExtension
    static final ScriptedModel<ScriptedGeminiModel> model = scriptedModel(
            "gemini",
            "scripted-model",
            0,
            () -> ScriptedGeminiModel.start(helloCommand("gemini")),
            gemini -> environment(gemini, home.resolve("gemini-home")));

    /** The settings file and the variables Gemini CLI needs to use {@code gemini}. */
    private static Map<String, String> environment(ScriptedGeminiModel gemini, Path geminiHome) {
        gemini.writeSettings(geminiHome);
        return Map.of(
                "GEMINI_CLI_HOME",
                geminiHome.toString(),
                "GOOGLE_GEMINI_BASE_URL",
                gemini.baseUrl(),
                "GEMINI_API_KEY",
                "test-key");
    }

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
                .contains("YOLO mode is enabled", "gemini session ", "$ printf", "add gemini.txt", "done")
                .contains("tokens: 200 in, 20 out")
                .contains("=== end turn of task " + id + ", attempt 1: exit code 0 ");
    }

    @Test
    void aFixTurnContinuesTheFirstTurnsSessionAndEachTurnReportsItsOwnUsage(@TempDir Path folder) {
        try (ScriptedGeminiModel gemini = ScriptedGeminiModel.start(ResumedTurns::commandFor)) {
            ResumedTurns.Turns turns = ResumedTurns.run(
                    AgentKind.GEMINI, "scripted-model", folder, environment(gemini, folder.resolve("gemini-home")));

            assertThat(turns.first().sessionId()).as(turns.terminal()).matches("[0-9a-f-]{36}");
            assertThat(turns.fix().sessionId())
                    .as("the fix turn goes on in the first turn's session")
                    .isEqualTo(turns.first().sessionId());
            List<JsonNode> fixRequests = gemini.requestsAnswering("Fix turn");
            assertThat(fixRequests).as(turns.terminal()).isNotEmpty();
            assertThat(ScriptedGeminiModel.conversation(fixRequests.get(0)))
                    .as("the fix turn's first request carries the first turn's prompt and command output")
                    .anySatisfy(text -> assertThat(text).contains("First turn: write first.txt"))
                    .anySatisfy(text -> assertThat(text).contains(ResumedTurns.FIRST_OUTPUT));
            TurnUsage perTurn =
                    new TurnUsage(2 * ScriptedGeminiModel.INPUT_TOKENS, 2 * ScriptedGeminiModel.OUTPUT_TOKENS, null);
            assertThat(turns.first().usage()).as(turns.terminal()).isEqualTo(perTurn);
            assertThat(turns.fix().usage()).as(turns.terminal()).isEqualTo(perTurn);
        }
    }
}
