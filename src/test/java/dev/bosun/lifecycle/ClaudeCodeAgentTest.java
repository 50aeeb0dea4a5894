package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.ScriptedClaudeModel;

/**
 * The real Claude Code binary as a team's engineer ({@code agent: claude}), against a scripted
 * model on 127.0.0.1: the first turn writes a file that makes the tests red, Bosun sends the last
 * lines of the red run back, the fix turn (a new claude process resuming the first turn's
 * conversation) repairs it, and Bosun merges.
 * Everything but the model is real: the binary in a PTY, the argv Bosun builds, the role's env
 * from team.yaml, git, the test gate. Runs when {@code BOSUN_TEST_AGENT_CLIS} names the folder
 * the CLIs were npm-installed into ({@code .ci/run} does that).
 */
@EnabledIfEnvironmentVariable(named = "BOSUN_TEST_AGENT_CLIS", matches = ".+",
        disabledReason = "set BOSUN_TEST_AGENT_CLIS to a folder with node_modules/.bin/claude (.ci/run installs it)")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.worker.poll-interval=100ms", "bosun.turn-timeout=2m"})
class ClaudeCodeAgentTest extends RepositoryBackedTest {

    private static final String MARKER = "BRO" + "KEN";
    /** Starts with a check that Bosun's own bosun is on the PATH Claude Code's shell sees. */
    private static final String FIRST_DRAFT = "command -v bosun > /dev/null && printf 'draft " + "BRO''KEN" + "\\n' > claude.txt"
            + " && git add claude.txt && git commit -q -m 'add claude.txt'";
    private static final String FIX = "printf 'hello from claude\\n' > claude.txt && git commit -q -am 'fix claude.txt'";

    private static ScriptedClaudeModel model;

    @DynamicPropertySource
    static void team(DynamicPropertyRegistry registry) throws IOException {
        Path bin = Path.of(System.getenv("BOSUN_TEST_AGENT_CLIS"), "node_modules", ".bin");
        assertThat(bin.resolve("claude")).as("BOSUN_TEST_AGENT_CLIS is set, so the binary must be there").isExecutable();
        model = new ScriptedClaudeModel(prompt -> prompt.contains("FAIL: a file is " + MARKER) ? FIX : FIRST_DRAFT);
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        // front matter: the prompt then starts with "---", which must not be read as an option
        Files.createDirectories(bosun.resolve("prompts"));
        Files.writeString(bosun.resolve("prompts/engineer.md"), "---\nrole: engineer\n---\nYou are the engineer.\n");
        Files.writeString(bosun.resolve("team.yaml"), """
                name: claude-team
                agent: claude
                test_command: [sh, test.sh]
                roles:
                  - name: engineer
                    role_type: engineer
                    prompt: engineer.md
                    model: claude-sonnet-4-5
                    env:
                      ANTHROPIC_BASE_URL: "%s"
                      ANTHROPIC_API_KEY: sk-scripted
                      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1"
                      IS_SANDBOX: "1"
                      PATH: "%s"
                """.formatted(model.baseUrl(), bin + ":" + System.getenv("PATH")));
    }

    @AfterAll
    static void stopModel() {
        if (model != null) {
            model.close();
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRedFirstTurnIsFixedByASecondClaudeTurnAndMerged() throws Exception {
        String id = create("Add claude.txt", "Create claude.txt with a greeting and commit it.");

        JsonNode task = Await.until("task " + id + " to finish", Duration.ofMinutes(3), () -> get("/api/tasks/" + id),
                t -> List.of("merged", "escalated", "abandoned").contains(t.path("task").path("status").asText()));

        assertThat(task.path("task").path("status").asText()).as(task.toString()).isEqualTo("merged");
        assertThat(task.path("task").path("attempts").asInt()).isEqualTo(2);
        assertThat(repository().git("show", "main:claude.txt").strip()).isEqualTo("hello from claude");
        assertThat(repository().git("log", "-1", "--format=%an", "main^2").strip()).isEqualTo("engineer");

        List<JsonNode> turns = model.agentRequests();
        assertThat(turns).extracting(r -> r.path("model").asText()).containsOnly("claude-sonnet-4-5");
        JsonNode firstTurn = turns.stream().filter(r -> ScriptedClaudeModel.lastUserText(r).contains("Create claude.txt"))
                .findFirst().orElseThrow();
        assertThat(ScriptedClaudeModel.earlierCommands(firstTurn)).isEmpty();
        JsonNode fixTurn = turns.stream().filter(r -> ScriptedClaudeModel.lastUserText(r).contains("FAIL: a file is " + MARKER))
                .findFirst().orElseThrow();
        assertThat(ScriptedClaudeModel.earlierCommands(fixTurn)).as("the fix turn resumed the first turn's conversation")
                .startsWith(FIRST_DRAFT);

        String log = Files.readString(repository().root().resolve(".bosun/logs/engineer.log"));
        assertThat(log).contains("claude").contains("done").contains("attempt 2");
    }

    private String create(String title, String body) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("title", title, "body", body))))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("id").asText();
    }

    private JsonNode get(String path) {
        try {
            return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
