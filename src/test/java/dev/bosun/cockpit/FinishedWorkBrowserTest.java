package dev.bosun.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.board.TaskReadModel;
import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.HeadlessChromium;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.TestTimeouts;

/**
 * Finished work in Cockpit, end to end: two tasks run by the built-in script agent in real PTYs
 * on a real git repository with its real test command; one is merged, the other is red twice,
 * escalates and is abandoned by the admin through {@code /engine-rest} the way Tasklist decides
 * (claim, a comment, the form submitted with a decision and guidance). Then the plugin's data is
 * checked as Java reads it, refused without a login, and shown in a real headless Chromium logged
 * in to Cockpit (playwright-core, which {@code .ci/run} installs and names in
 * {@code $BOSUN_TEST_PLAYWRIGHT}; that test is skipped with the reason where it or Chromium is
 * missing). The browser's screenshots are kept in {@code target/cockpit-screenshots}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.worker.poll-interval=100ms", "bosun.max-retries=1"})
class FinishedWorkBrowserTest extends RepositoryBackedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String GUIDANCE = "Out of scope for now: split it into a plan of its own";
    private static final String COMMENT = "The word BROKEN is in the brief itself";
    private static final String REASON = "Superseded by the plan for the release";
    private static final String PLUGIN_DATA = "/camunda/api/cockpit/plugin/bosun-finished-work/default/instances";

    @LocalServerPort
    int port;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    TaskService userTasks;

    @Autowired
    FinishedWork finishedWork;

    @TempDir
    Path work;

    /** The tasks of this class's server, made once for all its tests (in whichever order they run). */
    private static Scenario scenario;

    private String mergedId;
    private String abandonedId;
    private String mergeCommit;

    private record Scenario(Path repository, String mergedId, String abandonedId, String mergeCommit) {}

    @BeforeEach
    void oneTaskMergedAndOneAbandonedByTheAdmin() throws Exception {
        synchronized (FinishedWorkBrowserTest.class) {
            if (scenario == null || !scenario.repository().equals(repository().root())) {
                scenario = run();
            }
        }
        mergedId = scenario.mergedId();
        abandonedId = scenario.abandonedId();
        mergeCommit = scenario.mergeCommit();
    }

    private Scenario run() throws Exception {
        String mergedId = lifecycle.start(new NewTask(
                "Audit me: merged",
                script("write merged.txt <<EOF", "fine", "EOF", "commit fine work"),
                TaskPriority.NORMAL));
        String abandonedId = lifecycle.start(new NewTask(
                "Audit me: abandoned",
                script("write red.txt <<EOF", "BROKEN", "EOF", "commit red work"),
                TaskPriority.NORMAL));
        awaitStatus(mergedId, "merged");
        awaitStatus(abandonedId, "escalated");
        String mergeCommit = repository.git("rev-parse", "main");

        String escalation = userTasks
                .createTaskQuery()
                .processInstanceBusinessKey(abandonedId)
                .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                .singleResult()
                .getId();
        engineRest("/task/" + escalation + "/claim", Map.of("userId", "admin"));
        engineRest("/task/" + escalation + "/comment/create", Map.of("message", COMMENT));
        engineRest(
                "/task/" + escalation + "/submit-form",
                Map.of(
                        "variables",
                        Map.of(
                                "decision",
                                Map.of("value", "abandon"),
                                "guidance",
                                Map.of("value", GUIDANCE),
                                "decisionReason",
                                Map.of("value", REASON))));
        awaitStatus(abandonedId, "abandoned");
        return new Scenario(repository().root(), mergedId, abandonedId, mergeCommit);
    }

    @Test
    void theTimelinesHoldEveryStepTurnTestRunDecisionAndTheMerge() {
        List<FinishedInstance> listed = finishedWork.list(FinishedWorkFilter.NONE);
        assertThat(listed)
                .extracting(FinishedInstance::id, FinishedInstance::status)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(mergedId, "merged"),
                        org.assertj.core.groups.Tuple.tuple(abandonedId, "abandoned"));
        assertThat(finishedWork.list(FinishedWorkFilter.parse(null, "abandoned", null, null, null, null)))
                .extracting(FinishedInstance::id)
                .containsExactly(abandonedId);
        assertThat(finishedWork.list(FinishedWorkFilter.parse(null, null, null, "merged", null, "2000-01-01")))
                .isEmpty();

        Timeline merged = timelineOf(mergedId);
        assertThat(elements(merged.entries()))
                .contains(
                        ProcessIds.TASK_CODE_TURN,
                        ProcessIds.TASK_RUN_TESTS,
                        ProcessIds.TASK_MERGE,
                        ProcessIds.END_MERGED);
        assertThat(kind(merged.entries(), "turn"))
                .singleElement()
                .satisfies(
                        turn -> assertThat(turn.details()).containsKey("member").containsEntry("exit", "0"));
        assertThat(kind(merged.entries(), "test"))
                .singleElement()
                .satisfies(run -> assertThat(run.details()).containsEntry("result", "green"));
        assertThat(kind(merged.entries(), "merge"))
                .singleElement()
                .satisfies(merge -> assertThat(merge.details()).containsEntry("commit", mergeCommit));
        assertThat(kind(merged.entries(), "decision")).isEmpty();
        assertThat(merged.entries()).extracting(TimelineEntry::at).isSorted();

        Timeline abandoned = timelineOf(abandonedId);
        assertThat(elements(abandoned.entries())).contains(ProcessIds.USER_TASK_ESCALATION, ProcessIds.END_ABANDONED);
        assertThat(elements(abandoned.entries()))
                .as("a named gateway is a step; a join without a name only draws the diagram")
                .contains("Gateway_TestsGreen")
                .doesNotContain("Gateway_ToCodeTurn", "Gateway_Failed");
        assertThat(kind(abandoned.entries(), "turn")).hasSize(2);
        assertThat(kind(abandoned.entries(), "test"))
                .hasSize(2)
                .allSatisfy(run -> assertThat(run.details().get("output")).contains("BROKEN"));
        assertThat(kind(abandoned.entries(), "decision"))
                .singleElement()
                .satisfies(decision -> assertThat(decision.details())
                        .containsEntry("by", "admin")
                        .containsEntry("via", "engine-rest")
                        .containsEntry("decision", "abandon")
                        .containsEntry("guidance", GUIDANCE)
                        .containsEntry("comment", COMMENT)
                        .containsEntry("reason", REASON));
        assertThat(kind(abandoned.entries(), "merge")).isEmpty();
    }

    @Test
    void thePluginsDataIsRefusedWithoutALogin() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + PLUGIN_DATA))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Audit me");
    }

    @Test
    void cockpitListsBothAndShowsTheirTimelines() throws Exception {
        String playwright = System.getenv("BOSUN_TEST_PLAYWRIGHT");
        assumeTrue(
                playwright != null && Files.isDirectory(Path.of(playwright, "node_modules", "playwright-core")),
                "$BOSUN_TEST_PLAYWRIGHT does not name a folder with node_modules/playwright-core (.ci/run installs it)");
        Path chromium = HeadlessChromium.find().map(HeadlessChromium::binary).orElse(null);
        assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium or $BOSUN_TEST_CHROMIUM (.ci/run installs it)");
        Path shots = Files.createDirectories(Path.of("target", "cockpit-screenshots"))
                .toAbsolutePath();

        JsonNode seen = runScript(playwright, chromium, shots);

        assertThat(seen.path("error").isMissingNode())
                .as("the browser script failed: " + seen)
                .isTrue();
        assertThat(seen.path("unauthenticatedStatus").asInt())
                .as(seen.toString())
                .isEqualTo(401);
        assertThat(seen.path("loggedIn").asBoolean()).as(seen.toString()).isTrue();
        assertThat(rowsOf(seen.path("listed"))).contains(mergedId + " merged", abandonedId + " abandoned");
        assertThat(rowsOf(seen.path("filteredByStatus")))
                .contains(abandonedId + " abandoned")
                .doesNotContain(mergedId + " merged");

        assertThat(seen.path("badDay").path("status").asInt())
                .as(seen.toString())
                .isEqualTo(400);
        assertThat(seen.path("badDay").path("body").path("error").asText())
                .isEqualTo("from: '02.12.2026' is not a day as yyyy-mm-dd");

        JsonNode merged = seen.path("mergedTimeline");
        assertThat(merged.path("title").asText()).isEqualTo("task " + mergedId + ": Audit me: merged");
        assertThat(shownElements(merged))
                .contains(ProcessIds.TASK_CODE_TURN, ProcessIds.TASK_RUN_TESTS, ProcessIds.END_MERGED);
        assertThat(shown(merged, "turn")).hasSize(1);
        assertThat(shown(merged, "test"))
                .singleElement()
                .satisfies(run ->
                        assertThat(run.path("details").path("result").asText()).isEqualTo("green"));
        assertThat(shown(merged, "merge"))
                .singleElement()
                .satisfies(
                        merge -> assertThat(merge.path("details").path("commit").asText())
                                .isEqualTo(mergeCommit));

        JsonNode abandoned = seen.path("abandonedTimeline");
        assertThat(shownElements(abandoned)).contains(ProcessIds.USER_TASK_ESCALATION, ProcessIds.END_ABANDONED);
        assertThat(shown(abandoned, "turn")).hasSize(2);
        assertThat(shown(abandoned, "decision")).singleElement().satisfies(decision -> {
            assertThat(decision.path("details").path("by").asText()).isEqualTo("admin");
            assertThat(decision.path("details").path("guidance").asText()).isEqualTo(GUIDANCE);
            assertThat(decision.path("details").path("decision").asText()).isEqualTo("abandon");
        });
        assertThat(shots.resolve("cockpit-finished-work.png")).isNotEmptyFile();
        assertThat(shots.resolve("cockpit-timeline.png")).isNotEmptyFile();
    }

    private static String script(String... lines) {
        return "Do what the script says.\n\n```bosun-script\n" + String.join("\n", lines) + "\n```\n";
    }

    private void awaitStatus(String id, String status) {
        Await.until(
                "task " + id + " to be " + status,
                PATIENCE,
                () -> tasks.find(id).orElseThrow().task().status(),
                status::equals);
    }

    /** A request of Tasklist's kind, as the admin with the generated password; fails unless it succeeds. */
    private void engineRest(String path, Object body) throws IOException, InterruptedException {
        String password = Files.readString(repository().root().resolve(".bosun/secrets/admin-password"))
                .strip();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest" + path))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                ("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
    }

    private Timeline timelineOf(String taskId) {
        FinishedInstance instance =
                finishedWork.list(FinishedWorkFilter.parse(taskId, null, null, null, null, null)).stream()
                        .filter(i -> i.id().equals(taskId))
                        .findFirst()
                        .orElseThrow();
        return finishedWork.timeline(instance.processInstanceId()).orElseThrow();
    }

    private static List<String> elements(List<TimelineEntry> entries) {
        return kind(entries, "step").stream()
                .map(e -> e.details().get("element"))
                .toList();
    }

    private static List<TimelineEntry> kind(List<TimelineEntry> entries, String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    private static List<String> rowsOf(JsonNode rows) {
        List<String> shown = new ArrayList<>();
        rows.forEach(row ->
                shown.add(row.path("id").asText() + " " + row.path("status").asText()));
        return shown;
    }

    private static List<JsonNode> shown(JsonNode timeline, String kind) {
        List<JsonNode> entries = new ArrayList<>();
        timeline.path("entries").forEach(entry -> {
            if (entry.path("kind").asText().equals(kind)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static List<String> shownElements(JsonNode timeline) {
        return shown(timeline, "step").stream()
                .map(e -> e.path("details").path("element").asText())
                .toList();
    }

    private JsonNode runScript(String playwright, Path chromium, Path shots) throws IOException, InterruptedException {
        Path script = work.resolve("cockpit-finished-work.js");
        try (InputStream in = getClass().getResourceAsStream("/browser/cockpit-finished-work.js")) {
            Files.copy(in, script);
        }
        ProcessBuilder node = new ProcessBuilder(List.of("node", script.toString()))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("node.log").toFile());
        node.environment()
                .putAll(Map.of(
                        "PLAYWRIGHT",
                        playwright,
                        "CHROMIUM",
                        chromium.toString(),
                        "URL",
                        "http://localhost:" + port,
                        "PASSWORD",
                        Files.readString(repository().root().resolve(".bosun/secrets/admin-password"))
                                .strip(),
                        "MERGED_ID",
                        mergedId,
                        "ABANDONED_ID",
                        abandonedId,
                        "SHOTS",
                        shots.toString()));
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
