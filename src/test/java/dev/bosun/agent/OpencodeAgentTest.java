package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.ScriptedOpencodeModel;

/**
 * The {@code opencode} agent kind with the real opencode CLI: the engineer runs
 * {@code opencode run} in its worktree's PTY against {@link ScriptedOpencodeModel} (a custom
 * OpenAI-compatible provider in an {@code opencode.json}), whose one bash tool call writes and
 * commits a file; Bosun tests and merges it.
 */
@AgentCliTest.AgentCli(binary = "opencode", npmPackage = "opencode-ai@1.18.33")
class OpencodeAgentTest extends AgentCliTest {

    @RegisterExtension
    static final ScriptedModel<ScriptedOpencodeModel> model = scriptedModel(
            "opencode",
            ScriptedOpencodeModel.PROVIDER + "/" + ScriptedOpencodeModel.MODEL,
            0,
            () -> ScriptedOpencodeModel.start(helloCommand("opencode")),
            opencode -> {
                // opencode keeps config, sessions and caches in the XDG folders: all of them in the test's home
                Path opencodeHome = home.resolve("opencode-home");
                Path config = opencodeHome.resolve("opencode.json");
                opencode.writeConfig(config);
                Map<String, String> env = new HashMap<>();
                env.put("OPENCODE_CONFIG", config.toString());
                env.put("OPENCODE_DISABLE_MODELS_FETCH", "1");
                for (String xdg : new String[] {"config", "data", "cache", "state"}) {
                    env.put(
                            "XDG_" + xdg.toUpperCase(java.util.Locale.ROOT) + "_HOME",
                            opencodeHome.resolve(xdg).toString());
                }
                return env;
            });

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
                .contains("build · " + ScriptedOpencodeModel.MODEL, "add opencode.txt", "done")
                .contains("=== end turn " + id + " attempt 1: exit code 0 ");
    }
}
