package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.ScriptedOpencodeModel;

/**
 * The {@code opencode} agent kind with the real opencode CLI: an engineer role
 * {@code agent: opencode} runs {@code opencode run} in its worktree's PTY against
 * {@link ScriptedOpencodeModel} (a custom OpenAI-compatible provider in an {@code opencode.json}),
 * whose one bash tool call writes and commits a file; Bosun tests and merges it. The role's
 * prompt file starts with YAML front matter ({@code ---}), so the prompt starts with a dash.
 *
 * <p>Runs when {@code BOSUN_TEST_AGENT_CLIS} names a folder with {@code node_modules/.bin/opencode}
 * ({@code .ci/run} installs it there); otherwise skipped, with the reason in the test report
 * (an assumption failing in {@code @BeforeAll} would leave the class out of the report silently).
 */
@ExtendWith(OpencodeAgentTest.OpencodeInstalled.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bosun.worker.poll-interval=100ms")
class OpencodeAgentTest extends RepositoryBackedTest {

    static final String AGENT_CLIS = "BOSUN_TEST_AGENT_CLIS";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String ROLE_PROMPT = """
            ---
            role: engineer
            ---
            You are an engineer of the opencode team. Keep commits small.
            """;
    static final String OPENCODE_PACKAGE = "opencode-ai@1.18.33";
    /** opencode runs this through its bash tool; the last part shows whether Bosun's CLI is on its PATH. */
    private static final String COMMAND = "printf 'hello from opencode\\n' > opencode.txt && git add opencode.txt"
            + " && git commit -q -m 'add opencode.txt' && command -v bosun";

    private static Path opencodeBin;
    private static ScriptedOpencodeModel model;

    /** Skips the class when the opencode CLI is not where {@code BOSUN_TEST_AGENT_CLIS} says. */
    static final class OpencodeInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String clis = System.getenv(AGENT_CLIS);
            if (clis == null || clis.isBlank()) {
                return ConditionEvaluationResult.disabled(AGENT_CLIS + " is not set: it names the folder that holds "
                        + "node_modules/.bin/opencode (npm install --prefix DIR " + OPENCODE_PACKAGE + "; .ci/run does this)");
            }
            Path opencode = opencode(clis);
            return Files.isExecutable(opencode)
                    ? ConditionEvaluationResult.enabled("opencode CLI at " + opencode)
                    : ConditionEvaluationResult.disabled("no opencode CLI at " + opencode + " (" + AGENT_CLIS + "=" + clis
                            + "); install it with npm install --prefix " + clis + " " + OPENCODE_PACKAGE);
        }
    }

    private static Path opencode(String clis) {
        return Path.of(clis, "node_modules", ".bin", "opencode");
    }

    @BeforeAll
    static void opencodeAndItsModel() {
        opencodeBin = opencode(System.getenv(AGENT_CLIS)).getParent();
        model = ScriptedOpencodeModel.start(COMMAND);
    }

    @AfterAll
    static void stopModel() {
        if (model != null) {
            model.close();
        }
    }

    @DynamicPropertySource
    static void team(DynamicPropertyRegistry registry) throws IOException {
        // opencode keeps config, sessions and caches in the XDG folders: all of them in the test's home
        Path opencodeHome = home.resolve("opencode-home");
        Path config = opencodeHome.resolve("opencode.json");
        model.writeConfig(config);
        Path bosun = repository().root().resolve(".bosun");
        Files.createDirectories(bosun.resolve("prompts"));
        Files.writeString(bosun.resolve("prompts/engineer.md"), ROLE_PROMPT);
        ObjectMapper json = new ObjectMapper();
        // max_retries 0: a turn that goes wrong escalates at once, so a failure shows in seconds
        Files.writeString(bosun.resolve("team.yaml"), """
                name: opencode-team
                agent: script
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - name: architect
                    role_type: architect
                  - name: dev
                    role_type: engineer
                    agent: opencode
                    model: %s
                    prompt: engineer.md
                    env:
                      OPENCODE_CONFIG: %s
                      OPENCODE_DISABLE_MODELS_FETCH: "1"
                      XDG_CONFIG_HOME: %s
                      XDG_DATA_HOME: %s
                      XDG_CACHE_HOME: %s
                      XDG_STATE_HOME: %s
                      PATH: %s
                """.formatted(ScriptedOpencodeModel.PROVIDER + "/" + ScriptedOpencodeModel.MODEL,
                json.writeValueAsString(config.toString()),
                json.writeValueAsString(opencodeHome.resolve("config").toString()),
                json.writeValueAsString(opencodeHome.resolve("data").toString()),
                json.writeValueAsString(opencodeHome.resolve("cache").toString()),
                json.writeValueAsString(opencodeHome.resolve("state").toString()),
                json.writeValueAsString(opencodeBin + File.pathSeparator + System.getenv("PATH"))));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void opencodeCommitsInItsWorktreeAndBosunMergesIt() throws Exception {
        String title = "Say hello from opencode";
        String body = "Write opencode.txt saying \"hello\", then commit it.";
        HttpResponse<String> created = post("/api/tasks", json.writeValueAsString(Map.of("title", title, "body", body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asText();

        JsonNode finished = Await.until("task " + id + " merged or escalated", PATIENCE, this::status,
                s -> s.path("tasks").path("merged").size() + s.path("tasks").path("escalated").size() > 0);
        String log = Files.readString(repository().root().resolve(".bosun/logs/dev.log")).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
        assertThat(finished.path("tasks").path("merged")).as("%s%nthe member's terminal:%n%s", finished, log).hasSize(1);
        String member = finished.path("tasks").path("merged").get(0).path("assignee").asText();
        assertThat(member).isEqualTo("dev");

        assertThat(repository().git("show", "main:opencode.txt")).isEqualTo("hello from opencode");
        assertThat(repository().git("log", "-1", "--format=%an <%ae>|%cn|%s", "main", "--", "opencode.txt"))
                .isEqualTo("dev <dev@bosun.local>|dev|add opencode.txt");

        // opencode run joins its message arguments with spaces and wraps one that holds a space in
        // double quotes, escaping the quotes inside (opencode-ai 1.18.33): the model gets the prompt so
        String prompt = ROLE_PROMPT.strip() + "\n\n---\n\n" + TaskPrompts.firstTurn(id, title, body);
        assertThat(model.userTexts()).as("the prompt as opencode sent it to the model")
                .contains("\"" + prompt.replace("\"", "\\\"") + "\"");
        assertThat(model.toolOutputs()).as("what opencode's shell printed for the scripted command")
                .singleElement().asString()
                .contains(repository().root().resolve(".bosun/bin/bosun").toString());

        assertThat(log).as("the member's terminal shows opencode's own output")
                .contains("build · " + ScriptedOpencodeModel.MODEL, "add opencode.txt", "done")
                .contains("=== end turn " + id + " attempt 1: exit code 0 ");
    }

    private JsonNode status() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
