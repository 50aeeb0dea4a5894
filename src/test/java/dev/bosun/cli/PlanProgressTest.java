package dev.bosun.cli;

import static dev.bosun.cli.PlanLinesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lines {@code bosun plan --wait} prints between readings of a plan, and when it stops. */
class PlanProgressTest {

    @Test
    void printsEachChangeOnceFromPlanningToDone() {
        PlanProgress progress = new PlanProgress("3");

        assertThat(progress.update(plan("planning", "[]", "[]", "null"))).containsExactly("plan 3: planning");
        assertThat(progress.update(plan("planning", "[]", "[]", "null"))).isEmpty();
        assertThat(progress.update(plan("planning", "[]", "[" + held("5") + "," + held("6") + "]", "null")))
                .containsExactly("task 5 T5: held", "task 6 T6: held");
        assertThat(progress.update(
                        plan("running", "[" + task("5", "todo") + "," + task("6", "todo") + "]", "[]", "null")))
                .containsExactly("task 5 T5: todo", "task 6 T6: todo", "plan 3: running");
        assertThat(progress.finished()).isFalse();
        assertThat(progress.update(plan(
                        "running",
                        "[" + task("5", "merged") + "," + task("6", "in-progress", "\"eng-1\"", "null") + "]",
                        "[]",
                        "null")))
                .containsExactly("task 5 T5: merged", "task 6 T6: in-progress (eng-1)");
        assertThat(progress.update(
                        plan("done", "[" + task("5", "merged") + "," + task("6", "merged") + "]", "[]", "null")))
                .containsExactly("task 6 T6: merged", "plan 3: done");
        assertThat(progress.finished()).isTrue();
        assertThat(progress.done()).isTrue();
    }

    @Test
    void announcesAWaitingHumanTaskOnceAndAgainWhenANewOneWaits() {
        PlanProgress progress = new PlanProgress("3");
        String approval = "{\"kind\":\"approval\",\"decisions\":[\"approve\",\"reject\"],\"reason\":\"asked for\"}";

        assertThat(progress.update(plan("awaiting-approval", "[]", "[]", approval)))
                .containsExactly(
                        "plan 3: awaiting-approval",
                        "plan 3 waits for a human (approval): asked for",
                        "  decide with: bosun plan decide 3 approve|reject [--guidance TEXT]");
        assertThat(progress.update(plan("awaiting-approval", "[]", "[]", approval)))
                .isEmpty();
        assertThat(progress.update(plan("planning", "[]", "[]", "null"))).containsExactly("plan 3: planning");
        assertThat(progress.update(plan("awaiting-approval", "[]", "[]", approval)))
                .as("a second approval after a rejection is a new question")
                .hasSize(3);
    }

    @Test
    void aFailedOrCancelledPlanIsFinishedButNotDoneAndNamesItsReason() {
        PlanProgress progress = new PlanProgress("3");
        assertThat(progress.update(json("{\"id\":\"3\",\"status\":\"cancelled\",\"reason\":\"by human\"}")))
                .containsExactly("plan 3: cancelled  by human");
        assertThat(progress.finished()).isTrue();
        assertThat(progress.done()).isFalse();

        PlanProgress blocked = new PlanProgress("4");
        assertThat(blocked.update(plan(
                        "replanning",
                        "[" + task("8", "blocked", "null", "\"dependency #7 was abandoned\"") + "]",
                        "[]",
                        "null")))
                .containsExactly("task 8 T8: blocked  dependency #7 was abandoned", "plan 4: replanning");
        assertThat(blocked.finished()).isFalse();
    }

    @Test
    void aStatusThisClientDoesNotKnowIsNotAnEnd() {
        PlanProgress progress = new PlanProgress("3");
        progress.update(json("{\"id\":\"3\",\"status\":\"paused\"}"));
        assertThat(progress.finished()).isFalse();
    }

    private static com.fasterxml.jackson.databind.JsonNode plan(
            String status, String tasks, String held, String humanTask) {
        return json("{\"id\":\"3\",\"title\":\"P\",\"status\":\"" + status + "\",\"reason\":null,\"tasks\":" + tasks
                + ",\"held\":" + held + ",\"humanTask\":" + humanTask + "}");
    }

    private static String task(String id, String status) {
        return task(id, status, "null", "null");
    }

    private static String task(String id, String status, String assignee, String reason) {
        return "{\"id\":\"" + id + "\",\"title\":\"T" + id + "\",\"status\":\"" + status
                + "\",\"dependsOn\":[],\"assignee\":" + assignee + ",\"reason\":" + reason + "}";
    }

    private static String held(String id) {
        return "{\"id\":\"" + id + "\",\"title\":\"T" + id + "\",\"dependsOn\":[]}";
    }
}
