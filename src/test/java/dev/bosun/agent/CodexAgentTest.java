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
import dev.bosun.support.ScriptedCodexModel;
import dev.bosun.team.AgentKind;

/**
 * The {@code codex} agent kind with the real Codex CLI: the engineer runs {@code codex exec} in
 * its worktree's PTY against {@link ScriptedCodexModel}, whose one tool call writes and commits a
 * file; Bosun tests and merges it. And a fix turn that continues the first turn's thread
 * ({@code codex exec resume ID}), each turn reporting its own usage.
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
                .as("the member's terminal shows Codex's events as lines")
                .contains("codex thread ", "$ /bin/bash -c", "add codex.txt", "codex: done")
                .contains("tokens: 200 in, 20 out")
                .contains("=== end turn of task " + id + ", attempt 1: exit code 0 ");
    }

    @Test
    void aFixTurnContinuesTheFirstTurnsThreadAndEachTurnReportsItsOwnUsage(@TempDir Path folder) {
        try (ScriptedCodexModel codex = ScriptedCodexModel.start(ResumedTurns::commandFor)) {
            codex.writeConfig(folder.resolve("codex-home"));

            ResumedTurns.Turns turns = ResumedTurns.run(
                    AgentKind.CODEX,
                    "scripted-model",
                    folder,
                    Map.of(
                            "CODEX_HOME",
                            folder.resolve("codex-home").toString(),
                            ScriptedCodexModel.KEY_VARIABLE,
                            "test-key"));

            assertThat(turns.first().sessionId()).as(turns.terminal()).matches("[0-9a-f-]{36}");
            assertThat(turns.fix().sessionId())
                    .as("the fix turn goes on in the first turn's thread")
                    .isEqualTo(turns.first().sessionId());
            List<JsonNode> fixRequests = codex.requestsAnswering("Fix turn");
            assertThat(fixRequests).as(turns.terminal()).isNotEmpty();
            assertThat(ScriptedCodexModel.conversation(fixRequests.get(0)))
                    .as("the fix turn's first request carries the first turn's prompt and command output")
                    .anySatisfy(text -> assertThat(text).contains("First turn: write first.txt"))
                    .anySatisfy(text -> assertThat(text).contains(ResumedTurns.FIRST_OUTPUT));
            // Two answers per turn. Codex reports the thread's total; the fix turn's own share is asked.
            TurnUsage perTurn =
                    new TurnUsage(2 * ScriptedCodexModel.INPUT_TOKENS, 2 * ScriptedCodexModel.OUTPUT_TOKENS, null);
            assertThat(turns.first().usage()).isEqualTo(perTurn);
            assertThat(turns.fix().usage()).as(turns.terminal()).isEqualTo(perTurn);
        }
    }
}
