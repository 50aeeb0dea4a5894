package dev.bosun.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plan as text, the same in {@code plan list}, {@code plan show} and {@code plan --wait}. Reads
 * the JSON of {@code GET /api/plans} and {@code GET /api/plans/{id}}; pure, so it is tested without
 * a server.
 */
final class PlanLines {

    private PlanLines() {}

    /** One line of {@code plan list}: id, status, merged/total, title. */
    static String summary(JsonNode plan) {
        JsonNode tasks = plan.path("tasks");
        return String.format(
                "#%-4s %-17s %5s merged  %s",
                plan.path("id").asText(),
                plan.path("status").asText(),
                tasks.path("merged").asInt() + "/" + tasks.path("total").asInt(),
                plan.path("title").asText());
    }

    /** The lines of {@code plan show}: header, human task, task tree, held tasks. */
    static List<String> details(JsonNode plan) {
        String id = plan.path("id").asText();
        List<String> lines = new ArrayList<>();
        lines.add("plan #" + id + " " + plan.path("title").asText() + "  ["
                + plan.path("status").asText() + "]");
        String goal = plan.path("goal").asText("").strip();
        if (goal.contains("\n")) {
            lines.add("goal:");
            goal.lines().forEach(line -> lines.add("  " + line));
        } else {
            lines.add("goal: " + goal);
        }
        StringBuilder who = new StringBuilder("created by ")
                .append(plan.path("createdBy").asText("?"))
                .append(", planned by ")
                .append(plan.path("architect").asText("?"));
        if (plan.hasNonNull("startedAt")) {
            who.append(", started ").append(plan.path("startedAt").asText());
        }
        if (plan.hasNonNull("endedAt")) {
            who.append(", ended ").append(plan.path("endedAt").asText());
        }
        lines.add(who.toString());
        if (plan.hasNonNull("reason")) {
            lines.add("reason: " + plan.path("reason").asText());
        }
        lines.addAll(humanTask(id, plan.path("humanTask")));

        lines.add("");
        JsonNode tasks = plan.path("tasks");
        if (tasks.isEmpty()) {
            lines.add("tasks: none yet");
        } else {
            lines.add("tasks:");
            PlanTree.render(treeTasks(tasks)).forEach(line -> lines.add("  " + line));
        }
        JsonNode held = plan.path("held");
        if (!held.isEmpty()) {
            lines.add("");
            lines.add("held (waiting for the planning turn to end):");
            for (JsonNode task : held) {
                List<String> after = new ArrayList<>();
                task.path("dependsOn").forEach(d -> after.add("#" + d.asText()));
                lines.add("  #" + task.path("id").asText() + " "
                        + task.path("title").asText() + (after.isEmpty() ? "" : "  after " + String.join(", ", after)));
            }
        }
        return lines;
    }

    /**
     * What a waiting human task asks and how to answer it from a terminal; no lines when none waits.
     *
     * @param humanTask the plan's {@code humanTask}: null, missing, or {@code {kind, decisions, reason}}
     */
    static List<String> humanTask(String planId, JsonNode humanTask) {
        if (humanTask.isNull() || humanTask.isMissingNode()) {
            return List.of();
        }
        List<String> decisions = new ArrayList<>();
        humanTask.path("decisions").forEach(d -> decisions.add(d.asText()));
        String reason = humanTask.path("reason").asText("").strip();
        return List.of(
                "plan " + planId + " waits for a human ("
                        + humanTask.path("kind").asText() + ")" + (reason.isEmpty() ? "" : ": " + reason),
                "  decide with: bosun plan decide " + planId + " " + String.join("|", decisions)
                        + " [--guidance TEXT]");
    }

    private static List<PlanTree.Task> treeTasks(JsonNode tasks) {
        List<PlanTree.Task> result = new ArrayList<>();
        for (JsonNode task : tasks) {
            List<String> dependsOn = new ArrayList<>();
            task.path("dependsOn").forEach(d -> dependsOn.add(d.asText()));
            result.add(new PlanTree.Task(task.path("id").asText(), TaskLines.line(task), dependsOn));
        }
        return result;
    }
}
