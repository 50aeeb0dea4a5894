package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedOpencodeModel;
import dev.bosun.team.AgentKind;

/**
 * The {@code opencode} agent kind with the real opencode CLI: the engineer runs
 * {@code opencode run} in its worktree's PTY against {@link ScriptedOpencodeModel} (a custom
 * OpenAI-compatible provider in an {@code opencode.json}), whose one bash tool call writes and
 * commits a file; Bosun tests and merges it. And a fix turn that continues the first turn's
 * session ({@code --session ID}), each turn reporting its own tokens and cost.
 */
@AgentCliTest.AgentCli(binary = "opencode", npmPackage = "opencode-ai@1.18.33")
class OpencodeAgentTest extends AgentCliTest {

    @RegisterExtension
    static final ScriptedModel<ScriptedOpencodeModel> model = scriptedModel(
            "opencode",
            ScriptedOpencodeModel.PROVIDER + "/" + ScriptedOpencodeModel.MODEL,
            0,
            () -> ScriptedOpencodeModel.start(helloCommand("opencode")),
            opencode -> environment(opencode, home.resolve("opencode-home")));

    /** The config file and the variables opencode needs to use {@code opencode}. */
    private static Map<String, String> environment(ScriptedOpencodeModel opencode, Path opencodeHome) {
        // opencode keeps config, sessions and caches in the XDG folders: all of them in the test's home
        Path config = opencodeHome.resolve("opencode.json");
        opencode.writeConfig(config);
        Map<String, String> env = new HashMap<>();
        env.put("OPENCODE_CONFIG", config.toString());
        env.put("OPENCODE_DISABLE_MODELS_FETCH", "1");
        for (String xdg : new String[] {"config", "data", "cache", "state"}) {
            env.put(
                    "XDG_" + xdg.toUpperCase(Locale.ROOT) + "_HOME",
                    opencodeHome.resolve(xdg).toString());
        }
        return env;
    }

    @Test
    void opencodeCommitsInItsWorktreeAndBosunMergesIt() {
        String title = "Say hello from opencode";
        String body = "Write opencode.txt saying \"hello\", then commit it.";
        String id = addTask(title, body);

        JsonNode task = awaitFinished(id);

        assertHelloMerged(task, "opencode");
        // opencode run joins its message arguments with spaces and wraps one that holds a space in
        // double quotes, escaping the quotes inside (opencode-ai 1.18.33): the model gets the prompt so
        assertThat(model.get().userTexts())
                .as("the prompt as opencode sent it to the model")
                .contains("\"" + firstTurnPrompt(id, title, body).replace("\"", "\\\"") + "\"");
        assertThat(model.get().toolOutputs())
                .as("what opencode's shell printed for the scripted command")
                .singleElement()
                .asString()
                .contains(bosunLauncher());
        assertThat(terminal())
                .as("the member's terminal shows opencode's own output")
                .contains("$ printf", "add opencode.txt", "done")
                .contains("tokens: 200 in, 20 out, $0.00074")
                .contains("=== end turn of task " + id + ", attempt 1: exit code 0 ");
    }

    @Test
    void aFixTurnContinuesTheFirstTurnsSessionAndEachTurnReportsItsOwnUsage(@TempDir Path folder) {
        try (ScriptedOpencodeModel opencode = ScriptedOpencodeModel.start(ResumedTurns::commandFor)) {
            ResumedTurns.Turns turns = ResumedTurns.run(
                    AgentKind.OPENCODE,
                    ScriptedOpencodeModel.PROVIDER + "/" + ScriptedOpencodeModel.MODEL,
                    folder,
                    environment(opencode, folder.resolve("opencode-home")));

            assertThat(turns.first().sessionId()).as(turns.terminal()).startsWith("ses_");
            assertThat(turns.fix().sessionId())
                    .as("the fix turn goes on in the first turn's session")
                    .isEqualTo(turns.first().sessionId());
            List<JsonNode> fixRequests = opencode.requestsAnswering("Fix turn");
            assertThat(fixRequests).as(turns.terminal()).isNotEmpty();
            assertThat(ScriptedOpencodeModel.conversation(fixRequests.get(0)))
                    .as("the fix turn's first request carries the first turn's prompt and command output")
                    .anySatisfy(text -> assertThat(text).contains("First turn: write first.txt"))
                    .anySatisfy(text -> assertThat(text).contains(ResumedTurns.FIRST_OUTPUT));
            // Two answers per turn; opencode lists cache reads and reasoning apart, Bosun adds them back.
            BigDecimal cost = ScriptedOpencodeModel.costPerAnswer().multiply(BigDecimal.valueOf(2));
            for (TurnResult turn : List.of(turns.first(), turns.fix())) {
                assertThat(turn.usage()).as(turns.terminal()).isNotNull();
                assertThat(turn.usage().inputTokens()).isEqualTo(2 * ScriptedOpencodeModel.INPUT_TOKENS);
                assertThat(turn.usage().outputTokens()).isEqualTo(2 * ScriptedOpencodeModel.OUTPUT_TOKENS);
                // opencode adds prices in binary floating point
                assertThat(turn.usage().costUsd()).isCloseTo(cost, within(new BigDecimal("1E-12")));
            }
        }
    }
}
