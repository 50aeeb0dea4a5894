package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.support.ApiTokens;
import dev.bosun.support.Await;
import dev.bosun.support.TestTimeouts;

/**
 * Plans end to end, with real script agents: the architect adds tasks with the real
 * {@code bosun task add} in its planning turn, engineers code, Bosun tests and merges, through the
 * REST API and the {@code bosun plan} command. One architect, two engineers, no retries.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bosun.turn-timeout=5m",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            // A cancelled turn is stopped at the next lock extension, a third of this.
            "bosun.worker.lock-duration=3s"
        })
class PlanIntegrationTest extends LifecycleTestSupport {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** The engineers' task bodies: files on trunk, since a ``` line inside the architect's script would end it. */
    @DynamicPropertySource
    static void teamWithAnArchitect(DynamicPropertyRegistry registry) throws IOException {
        Path root = repository().root();
        Files.createDirectories(root.resolve(".bosun"));
        Files.writeString(root.resolve(".bosun/team.yaml"), """
                name: planners
                agent: script
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - {name: architect, role_type: architect}
                  - {name: engineer, role_type: engineer, instances: 2}
                """);
        Path plans = Files.createDirectories(root.resolve("plans"));
        body(plans, "alpha.md", "write alpha.txt <<EOF", "alpha", "EOF", "commit alpha");
        body(plans, "beta.md", "write beta.txt <<EOF", "beta", "EOF", "commit beta");
        // Gamma's worktree starts at trunk when it is claimed: both files are there only if it waited.
        body(
                plans,
                "gamma.md",
                "run sh -c \"test -f alpha.txt && test -f beta.txt\"",
                "write gamma.txt <<EOF",
                "gamma",
                "EOF",
                "commit gamma");
        body(plans, "doomed.md", "say this cannot be done");
        body(plans, "on-doomed.md", "write on-doomed.txt <<EOF", "x", "EOF", "commit on doomed");
        body(plans, "different.md", "write different.txt <<EOF", "different", "EOF", "commit different");
        body(plans, "approved.md", "write approved.txt <<EOF", "approved", "EOF", "commit approved");
        body(plans, "slow.md", "write slow.txt <<EOF", "slow", "EOF", "commit slow start", "sleep 5m");
        body(plans, "after-slow.md", "write after-slow.txt <<EOF", "x", "EOF", "commit after slow");
        repository().git("add", "plans");
        repository().git("commit", "-q", "-m", "task bodies for the planning tests");
    }

    private static void body(Path plans, String name, String... script) throws IOException {
        Files.writeString(plans.resolve(name), script(script));
    }

    @Test
    void anArchitectPlansThreeTasksTheyMergeInDependencyOrderAndPlanWaitExitsZero() throws Exception {
        String goal = script(
                "run sh -c \"a=$(bosun task add --title Alpha --body-file plans/alpha.md | cut -d' ' -f3)"
                        + " && b=$(bosun task add --title Beta --body-file plans/beta.md | cut -d' ' -f3)"
                        + " && bosun task add --title Gamma --body-file plans/gamma.md --depends-on $a $b\"",
                "say planned");

        CompletableFuture<String> waited =
                CompletableFuture.supplyAsync(() -> cli(0, "plan", goal, "--title", "Greek letters", "--wait"));
        String output = waited.get(TestTimeouts.scaled(PATIENCE).toMillis() * 2, TimeUnit.MILLISECONDS);

        String plan = output.lines()
                .filter(l -> l.startsWith("created plan "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no plan created:\n" + output))
                .substring("created plan ".length());
        assertThat(output).contains("plan " + plan + ": done");
        JsonNode shown = get("/api/plans/" + plan);
        assertThat(shown.path("status").asText()).isEqualTo("done");
        assertThat(shown.path("createdBy").asText()).isEqualTo("human");
        assertThat(shown.path("architect").asText()).isEqualTo("architect");
        assertThat(shown.path("endedAt").isNull()).isFalse();
        List<String> titles = shown.path("tasks").findValuesAsText("title");
        assertThat(titles).containsExactly("Alpha", "Beta", "Gamma");
        JsonNode gamma = shown.path("tasks").get(2);
        List<String> gammaDependsOn = new ArrayList<>();
        gamma.path("dependsOn").forEach(d -> gammaDependsOn.add(d.asText()));
        List<String> ids = shown.path("tasks").findValuesAsText("id");
        assertThat(gammaDependsOn).containsExactly(ids.get(0), ids.get(1));
        shown.path("tasks").forEach(t -> assertThat(t.path("status").asText()).isEqualTo("merged"));
        assertThat(shown.path("tasks").findValuesAsText("plan")).containsOnly(plan);

        List<String> merges = repository
                .git("log", "--first-parent", "--format=%B", "main")
                .lines()
                .filter(l -> l.startsWith("Bosun-Task: "))
                .map(l -> l.substring("Bosun-Task: ".length()))
                .toList();
        assertThat(merges.indexOf(ids.get(2)))
                .as("newest first: Gamma merged after Alpha and Beta")
                .isLessThan(merges.indexOf(ids.get(0)))
                .isLessThan(merges.indexOf(ids.get(1)));
        assertThat(merges).doesNotHaveDuplicates();

        assertThat(planEvents(plan))
                .containsSubsequence("plan_created", "plan_tasks_added", "plan_done")
                .doesNotContain("plan_replanned", "plan_escalated");
        assertThat(cli(0, "plan", "list")).contains("#" + plan, "done", "3/3 merged", "Greek letters");
        assertThat(cli(0, "plan", "show", plan))
                .as("Gamma under each task it depends on")
                .contains(
                        "\n  #" + ids.get(0) + " Alpha  [merged, ",
                        "\n  └─ #" + ids.get(2) + " Gamma  [merged, ",
                        "\n  #" + ids.get(1) + " Beta  [merged, ",
                        "  (see above)");
    }

    @Test
    void anAbandonedTaskBlocksItsDependentAndGivesTheArchitectAReplanningTurnWithTheFailure() {
        String plan = createPlan(script(
                "attempt 1",
                "run sh -c \"a=$(bosun task add --title Doomed --body-file plans/doomed.md | cut -d' ' -f3)"
                        + " && bosun task add --title 'On doomed' --body-file plans/on-doomed.md --depends-on $a\"",
                "attempt 2+",
                "run bosun task add --title \"Done differently\" --body-file plans/different.md"));
        JsonNode running = awaitPlan(plan, p -> p.path("tasks").size() == 2);
        String doomed = running.path("tasks").get(0).path("id").asText();
        String onDoomed = running.path("tasks").get(1).path("id").asText();
        awaitStatus(doomed, "escalated");

        HttpResponse<String> abandoned = post("/api/tasks/" + doomed + "/decision", "{\"decision\": \"abandon\"}");
        assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(204);

        JsonNode done = awaitPlan(plan, p -> p.path("status").asText().equals("done"));
        List<String> statuses = new ArrayList<>();
        done.path("tasks")
                .forEach(t -> statuses.add(
                        t.path("title").asText() + ": " + t.path("status").asText()));
        assertThat(statuses).containsExactly("Doomed: abandoned", "On doomed: cancelled", "Done differently: merged");
        assertThat(done.path("tasks").get(1).path("reason").asText())
                .isEqualTo("plan " + plan + " ended (done) while this task was blocked");

        Map<String, Object> replanned = planEvent(plan, "plan_replanned");
        assertThat((String) replanned.get("reason"))
                .as("what the replanning turn was given")
                .contains("- task " + doomed + " (Doomed): abandoned")
                .contains("- task " + onDoomed + " (On doomed): blocked: depends on task " + doomed
                        + ", which was abandoned");
        assertThat(values(onDoomed, "status")).as("never claimed").containsOnly("todo");
        assertThat(planEvents(plan))
                .containsSubsequence(
                        "plan_created", "plan_tasks_added", "plan_replanned", "plan_tasks_added", "plan_done");
    }

    @Test
    void cancellingARunningPlanStopsItsAgentsCancelsItsTasksKeepsTheirBranchesAndFreesTheEngineers() {
        String plan = createPlan(
                script("run sh -c \"s=$(bosun task add --title Slow --body-file plans/slow.md | cut -d' ' -f3)"
                        + " && bosun task add --title 'After slow' --body-file plans/after-slow.md --depends-on $s\""));
        JsonNode running = awaitPlan(plan, p -> p.path("tasks").size() == 2);
        String slow = running.path("tasks").get(0).path("id").asText();
        String after = running.path("tasks").get(1).path("id").asText();
        String member = Await.until(
                        "task " + slow + " to be worked on",
                        PATIENCE,
                        () -> tasks.find(slow).orElseThrow().task(),
                        t -> "in-progress".equals(t.status())
                                && t.branch() != null
                                && repository.branchExists(t.branch())
                                && repository
                                        .git("log", "--format=%s", "main.." + t.branch())
                                        .equals("slow start"))
                .assignee();

        HttpResponse<String> cancelled = post("/api/plans/" + plan + "/cancel", "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(204);

        JsonNode shown = get("/api/plans/" + plan);
        assertThat(shown.path("status").asText()).isEqualTo("cancelled");
        assertThat(shown.path("reason").asText()).isEqualTo("cancelled by human");
        for (String id : List.of(slow, after)) {
            JsonNode task = get("/api/tasks/" + id).path("task");
            assertThat(task.path("status").asText()).isEqualTo("cancelled");
            assertThat(task.path("reason").asText()).isEqualTo("cancelled with plan " + plan + " by human");
        }
        assertThat(repository.branchExists(member + "/" + slow))
                .as("the branch is kept")
                .isTrue();
        Await.until(
                member + " to be idle again", PATIENCE, () -> get("/api/status").path("members"), members -> {
                    for (JsonNode m : members) {
                        if (m.path("name").asText().equals(member)) {
                            return m.path("task").isNull() || m.path("task").isMissingNode();
                        }
                    }
                    return false;
                });
        Path terminal = repository.root().resolve(".bosun/logs/" + member + ".log");
        Await.until(
                "the slow agent's turn to be stopped (every turn in " + member + "'s terminal log ended)",
                PATIENCE,
                () -> read(terminal),
                log -> log.lines().filter(l -> l.startsWith("=== turn ")).count()
                        == log.lines()
                                .filter(l -> l.startsWith("=== end turn "))
                                .count());
        HttpResponse<String> again = post("/api/plans/" + plan + "/cancel", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("plan " + plan + " has ended (cancelled)");
        assertThat(planEvents(plan)).endsWith("plan_cancelled");
    }

    @Test
    void aPlanAskingApprovalWaitsForAHumanWhoDecidesThroughTheApi() {
        HttpResponse<String> created = post(
                "/api/plans",
                json.createObjectNode()
                        .put("goal", script("run bosun task add --title Approved --body-file plans/approved.md"))
                        .put("approval", true)
                        .toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String plan = read(created.body()).path("id").asText();

        JsonNode waiting = awaitPlan(plan, p -> p.path("status").asText().equals("awaiting-approval"));
        assertThat(waiting.path("humanTask").path("kind").asText()).isEqualTo("approval");
        assertThat(waiting.path("humanTask").path("reason").asText()).endsWith(": Approved");
        assertThat(waiting.path("held").findValuesAsText("title")).containsExactly("Approved");
        assertThat(waiting.path("tasks")).as("nothing runs before the approval").isEmpty();
        assertRefused(
                post("/api/plans/" + plan + "/decision", "{\"decision\": \"replan\"}"),
                400,
                "decision",
                "plan " + plan + " waits for approval: decide approve or reject, not replan");

        HttpResponse<String> approved = post("/api/plans/" + plan + "/decision", "{\"decision\": \"approve\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);

        awaitPlan(plan, p -> p.path("status").asText().equals("done"));
        assertThat(planEvents(plan)).containsSubsequence("plan_awaiting_approval", "plan_approved", "plan_done");
        assertRefused(
                post("/api/plans/" + plan + "/decision", "{\"decision\": \"approve\"}"),
                409,
                "plan",
                "plan " + plan + " has ended (done)");
    }

    @Test
    void badPlanRequestsAreRefusedNamingTheField() {
        assertRefused(post("/api/plans", "{\"goal\": \"  \"}"), 400, "goal", "goal must not be empty");
        assertRefused(post("/api/plans", "{\"goal\": \"" + "x".repeat(262_145) + "\"}"), 400, "goal", "at most 262144");
        assertRefused(post("/api/plans", "{\"goal\": \"g\", \"approval\": \"yes\"}"), 400, "approval", "true or false");
        assertRefused(post("/api/plans", "{\"goal\": \"g\", \"owner\": \"me\"}"), 400, "owner", "unknown field");
        assertRefused(post("/api/plans/424242/cancel", ""), 404, "plan", "no plan with id '424242'");
        assertThat(send(HttpRequest.newBuilder(URI.create(base() + "/api/plans/424242"))
                                .header("Authorization", ApiTokens.bearer(repository.root()))
                                .build())
                        .statusCode())
                .isEqualTo(404);
        assertRefused(
                post("/api/plans/424242/decision", "{\"decision\": \"maybe\"}"), 400, "decision", "must be one of");
    }

    private void assertRefused(HttpResponse<String> response, int status, String field, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = read(response.body());
        assertThat(body.path("field").asText()).isEqualTo(field);
        assertThat(body.path("error").asText()).contains(message);
    }

    private String createPlan(String goal) {
        HttpResponse<String> created =
                post("/api/plans", json.createObjectNode().put("goal", goal).toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("id").asText();
    }

    private JsonNode awaitPlan(String plan, java.util.function.Predicate<JsonNode> condition) {
        return Await.until("plan " + plan + " to get there", PATIENCE, () -> get("/api/plans/" + plan), condition);
    }

    /**
     * The events of a plan that has ended, once the one that ends it is in the log: the log is
     * written after the engine's commit, so a test that saw the plan end through the API can read
     * the file a moment before its last line is there (seen on a loaded machine).
     */
    private List<String> planEvents(String plan) {
        return Await.until(
                "the event log to hold the end of plan " + plan,
                PATIENCE,
                () -> planEventsNamed(plan, null).stream()
                        .map(e -> (String) e.get("event"))
                        .toList(),
                events -> events.stream().anyMatch(ENDS_A_PLAN::contains));
    }

    private static final List<String> ENDS_A_PLAN = List.of("plan_done", "plan_failed", "plan_cancelled");

    private Map<String, Object> planEvent(String plan, String name) {
        List<Map<String, Object>> found = planEventsNamed(plan, name);
        assertThat(found).as("event %s of plan %s", name, plan).isNotEmpty();
        return found.get(0);
    }

    /** @param name the event to keep, or null for all of the plan's */
    private List<Map<String, Object>> planEventsNamed(String plan, String name) {
        return events(event -> plan.equals(event.get("plan")) && (name == null || name.equals(event.get("event"))));
    }

    private String cli(int expectedExit, String... args) {
        return cli(port, expectedExit, args);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", ApiTokens.bearer(repository.root()))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", ApiTokens.bearer(repository.root()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
