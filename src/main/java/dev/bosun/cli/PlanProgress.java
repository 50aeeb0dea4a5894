package dev.bosun.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import dev.bosun.process.PlanStatus;

/**
 * What changed in a plan between two readings, for {@code bosun plan --wait}: one line when a task
 * is first seen or its status changes (a task added during a planning turn shows as {@code held}
 * until the turn ends), then one when the plan's status changes, then the waiting human task, once
 * each time one starts waiting. Polling only sees the state at each reading, so a status that
 * lasted less than the poll interval may not be printed; the end status always is. Not
 * thread-safe: one waiting command owns it.
 */
final class PlanProgress {

    static final String HELD = "held";

    private final String planId;
    private @Nullable String planStatus;
    private final Map<String, String> taskStatus = new HashMap<>();
    private @Nullable JsonNode announcedHumanTask;

    PlanProgress(String planId) {
        this.planId = planId;
    }

    /** The lines to print for this reading of {@code GET /api/plans/{id}}; empty when nothing changed. */
    List<String> update(JsonNode plan) {
        List<String> lines = new ArrayList<>();
        for (JsonNode task : plan.path("held")) {
            changed(task, HELD).ifPresent(lines::add);
        }
        for (JsonNode task : plan.path("tasks")) {
            changed(task, task.path("status").asText()).ifPresent(lines::add);
        }
        // After its tasks: the last task merged, then the plan done, reads in the order it happened.
        String status = plan.path("status").asText();
        if (!status.equals(planStatus)) {
            planStatus = status;
            lines.add("plan " + planId + ": " + status + reasonOf(plan));
        }
        JsonNode humanTask = plan.path("humanTask");
        boolean waits = !humanTask.isNull() && !humanTask.isMissingNode();
        if (waits && !humanTask.equals(announcedHumanTask)) {
            lines.addAll(PlanLines.humanTask(planId, humanTask));
        }
        announcedHumanTask = waits ? humanTask : null;
        return lines;
    }

    /** True once the plan is done, failed or cancelled (an unknown status from a newer server is not an end). */
    boolean finished() {
        return planStatus != null
                && PlanStatus.find(planStatus).map(PlanStatus::finished).orElse(false);
    }

    boolean done() {
        return planStatus != null && PlanStatus.DONE.is(planStatus);
    }

    private Optional<String> changed(JsonNode task, String status) {
        String id = task.path("id").asText();
        if (status.equals(taskStatus.put(id, status))) {
            return Optional.empty();
        }
        String assignee =
                task.hasNonNull("assignee") ? " (" + task.path("assignee").asText() + ")" : "";
        return Optional.of(
                "task " + id + " " + task.path("title").asText() + ": " + status + assignee + reasonOf(task));
    }

    private static String reasonOf(JsonNode node) {
        return node.hasNonNull("reason") ? "  " + node.path("reason").asText() : "";
    }
}
