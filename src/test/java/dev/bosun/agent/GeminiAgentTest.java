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
import dev.bosun.support.ScriptedGeminiModel;

/**
 * The {@code gemini} agent kind with the real Gemini CLI: an engineer role {@code agent: gemini}
 * runs {@code gemini --yolo --skip-trust --prompt=...} in its worktree's PTY against
 * {@link ScriptedGeminiModel}, whose one shell tool call writes and commits a file; Bosun tests
 * and merges it. The role's prompt file starts with YAML front matter ({@code ---}), so the
 * prompt starts with a dash.
 *
 * <p>Runs when {@code BOSUN_TEST_AGENT_CLIS} names a folder with {@code node_modules/.bin/gemini}
 * ({@code .ci/run} installs it there); otherwise skipped, with the reason in the test report
 * (an assumption failing in {@code @BeforeAll} would leave the class out of the report silently).
 */
@ExtendWith(GeminiAgentTest.GeminiInstalled.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bosun.worker.poll-interval=100ms")
class GeminiAgentTest extends RepositoryBackedTest {

    static final String AGENT_CLIS = "BOSUN_TEST_AGENT_CLIS";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String ROLE_PROMPT = """
            ---
            role: engineer
            ---
            You are an engineer of the gemini team. Keep commits small.
            """;
    static final String GEMINI_PACKAGE = "@google/gemini-cli@0.61.0";
    /** Gemini runs this through its shell tool; the last part shows whether Bosun's CLI is on its PATH. */
    private static final String COMMAND = "printf 'hello from gemini\\n' > gemini.txt && git add gemini.txt"
            + " && git commit -q -m 'add gemini.txt' && command -v bosun";

    private static Path geminiBin;
    private static ScriptedGeminiModel model;

    /** Skips the class when the Gemini CLI is not where {@code BOSUN_TEST_AGENT_CLIS} says. */
    static final class GeminiInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String clis = System.getenv(AGENT_CLIS);
            if (clis == null || clis.isBlank()) {
                return ConditionEvaluationResult.disabled(AGENT_CLIS + " is not set: it names the folder that holds "
                        + "node_modules/.bin/gemini (npm install --prefix DIR " + GEMINI_PACKAGE + "; .ci/run does this)");
            }
            Path gemini = gemini(clis);
            return Files.isExecutable(gemini)
                    ? ConditionEvaluationResult.enabled("Gemini CLI at " + gemini)
                    : ConditionEvaluationResult.disabled("no Gemini CLI at " + gemini + " (" + AGENT_CLIS + "=" + clis
                            + "); install it with npm install --prefix " + clis + " " + GEMINI_PACKAGE);
        }
    }

    private static Path gemini(String clis) {
        return Path.of(clis, "node_modules", ".bin", "gemini");
    }

    @BeforeAll
    static void geminiAndItsModel() {
        geminiBin = gemini(System.getenv(AGENT_CLIS)).getParent();
        model = ScriptedGeminiModel.start(COMMAND);
    }

    @AfterAll
    static void stopModel() {
        if (model != null) {
            model.close();
        }
    }

    @DynamicPropertySource
    static void team(DynamicPropertyRegistry registry) throws IOException {
        Path geminiHome = home.resolve("gemini-home");
        model.writeSettings(geminiHome);
        Path bosun = repository().root().resolve(".bosun");
        Files.createDirectories(bosun.resolve("prompts"));
        Files.writeString(bosun.resolve("prompts/engineer.md"), ROLE_PROMPT);
        ObjectMapper json = new ObjectMapper();
        // max_retries 0: a turn that goes wrong escalates at once, so a failure shows in seconds
        Files.writeString(bosun.resolve("team.yaml"), """
                name: gemini-team
                agent: script
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - name: architect
                    role_type: architect
                  - name: dev
                    role_type: engineer
                    agent: gemini
                    model: scripted-model
                    prompt: engineer.md
                    env:
                      GEMINI_CLI_HOME: %s
                      GOOGLE_GEMINI_BASE_URL: %s
                      GEMINI_API_KEY: test-key
                      PATH: %s
                """.formatted(json.writeValueAsString(geminiHome.toString()), json.writeValueAsString(model.baseUrl()),
                json.writeValueAsString(geminiBin + File.pathSeparator + System.getenv("PATH"))));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void geminiCommitsInItsWorktreeAndBosunMergesIt() throws Exception {
        String title = "Say hello from Gemini";
        String body = "Write gemini.txt saying hello, then commit it.";
        HttpResponse<String> created = post("/api/tasks", json.writeValueAsString(Map.of("title", title, "body", body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asText();

        JsonNode finished = Await.until("task " + id + " merged or escalated", PATIENCE, this::status,
                s -> s.path("tasks").path("merged").size() + s.path("tasks").path("escalated").size() > 0);
        assertThat(finished.path("tasks").path("merged")).as("%s", finished).hasSize(1);
        String member = finished.path("tasks").path("merged").get(0).path("assignee").asText();
        assertThat(member).isEqualTo("dev");

        assertThat(repository().git("show", "main:gemini.txt")).isEqualTo("hello from gemini");
        assertThat(repository().git("log", "-1", "--format=%an <%ae>|%cn|%s", "main", "--", "gemini.txt"))
                .isEqualTo("dev <dev@bosun.local>|dev|add gemini.txt");

        assertThat(model.userTexts()).as("the prompt as Gemini sent it to the model")
                .contains(ROLE_PROMPT.strip() + "\n\n---\n\n" + TaskPrompts.firstTurn(id, title, body));
        assertThat(model.toolOutputs()).as("what Gemini's shell printed for the scripted command")
                .singleElement().asString()
                .contains(repository().root().resolve(".bosun/bin/bosun").toString());

        String log = Files.readString(repository().root().resolve(".bosun/logs/" + member + ".log"))
                .replaceAll("\u001B\\[[0-9;]*m", "");
        assertThat(log).as("the member's terminal shows Gemini's own output")
                .contains("YOLO mode is enabled", "done")
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
