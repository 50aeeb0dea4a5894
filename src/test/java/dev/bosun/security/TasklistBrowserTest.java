package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.audit.TaskDecisions;
import dev.bosun.board.TaskReadModel;
import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.HeadlessChromium;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.TestTimeouts;
import dev.bosun.support.UninstalledAfterStart;

/**
 * A person decides an escalation in Camunda Tasklist in a real browser, logged in with the admin
 * password Bosun generated on its first start, while the old default {@code admin}/{@code admin}
 * is refused. Driven by playwright-core (node), which {@code .ci/run} installs and names in
 * {@code $BOSUN_TEST_PLAYWRIGHT}; skipped with the reason where it or Chromium is missing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bosun.worker.poll-interval=100ms")
class TasklistBrowserTest extends RepositoryBackedTest {

    /** There at start-up (the server refuses to start without it), gone when the task's tests run. */
    @DynamicPropertySource
    static void testRunnerUninstalledAfterStart(DynamicPropertyRegistry registry) {
        registry.add("bosun.test-command", () -> UninstalledAfterStart.install(testRunner()));
    }

    private static Path testRunner() {
        return home.resolve("bin/no-such-test-runner-xyz");
    }

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String REASON = "Done by hand in the release branch";

    @LocalServerPort
    int port;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    HistoryService history;

    @Autowired
    TaskDecisions decisions;

    @TempDir
    Path work;

    @Test
    void anEscalationIsDecidedInTasklistWithTheGeneratedPassword() throws Exception {
        String playwright = System.getenv("BOSUN_TEST_PLAYWRIGHT");
        assumeTrue(
                playwright != null && Files.isDirectory(Path.of(playwright, "node_modules", "playwright-core")),
                "$BOSUN_TEST_PLAYWRIGHT does not name a folder with node_modules/playwright-core (.ci/run installs it)");
        Path chromium = HeadlessChromium.find().map(HeadlessChromium::binary).orElse(null);
        assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium or $BOSUN_TEST_CHROMIUM (.ci/run installs it)");
        // A test command that does not exist escalates after one turn: the quickest real escalation.
        UninstalledAfterStart.uninstall(testRunner());
        String id = lifecycle.start(new NewTask("Decide me in Tasklist", """
                ```bosun-script
                write decide.txt <<EOF
                decide
                EOF
                commit decide
                ```
                """, TaskPriority.NORMAL));
        Await.until(
                "task " + id + " to escalate",
                PATIENCE,
                () -> tasks.find(id).orElseThrow().task().status(),
                "escalated"::equals);
        String password = Files.readString(repository().root().resolve(".bosun/secrets/admin-password"))
                .strip();

        JsonNode seen = runScript(playwright, chromium, password, "Decide me in Tasklist", "abandon");

        assertThat(seen.path("defaultPasswordRefused").asBoolean())
                .as("admin/admin refused: " + seen)
                .isTrue();
        assertThat(seen.path("loggedIn").asBoolean())
                .as("logged in with the generated password: " + seen)
                .isTrue();
        assertThat(seen.path("completed").asBoolean())
                .as("completed in Tasklist: " + seen)
                .isTrue();
        Await.until(
                "task " + id + " to be abandoned",
                PATIENCE,
                () -> tasks.find(id).orElseThrow().task().status(),
                "abandoned"::equals);
        HistoricTaskInstance escalation = history.createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(id)
                .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                .singleResult();
        assertThat(escalation.getAssignee())
                .as("the person who claimed and decided it")
                .isEqualTo("admin");
        assertThat(escalation.getDeleteReason()).isEqualTo("completed");
        assertThat(decisions.of(id))
                .as("Bosun's record of the decision clicked in Tasklist")
                .singleElement()
                .satisfies(decided -> {
                    assertThat(decided.by()).isEqualTo("admin");
                    assertThat(decided.via()).isEqualTo("tasklist");
                    assertThat(decided.decision()).isEqualTo("abandon");
                    assertThat(decided.reason()).isEqualTo(REASON);
                });
    }

    private JsonNode runScript(String playwright, Path chromium, String password, String title, String decision)
            throws IOException, InterruptedException {
        Path script = work.resolve("tasklist-escalation.js");
        try (InputStream in = getClass().getResourceAsStream("/browser/tasklist-escalation.js")) {
            Files.copy(in, script);
        }
        ProcessBuilder node = new ProcessBuilder(List.of("node", script.toString()))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("node.log").toFile());
        node.environment()
                .putAll(java.util.Map.of(
                        "PLAYWRIGHT",
                        playwright,
                        "CHROMIUM",
                        chromium.toString(),
                        "URL",
                        "http://localhost:" + port,
                        "PASSWORD",
                        password,
                        "TASK_TITLE",
                        title,
                        "DECISION",
                        decision,
                        "REASON",
                        REASON));
        Process process = node.start();
        if (!process.waitFor(TestTimeouts.scaled(PATIENCE).toMillis() * 2, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        List<String> output = Files.readAllLines(work.resolve("node.log"), StandardCharsets.UTF_8);
        String last = output.stream()
                .filter(line -> line.startsWith("{"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the browser script printed no report: " + output));
        return new ObjectMapper().readTree(last);
    }
}
