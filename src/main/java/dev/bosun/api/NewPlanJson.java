package dev.bosun.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bosun.process.NewPlan;

/**
 * Reads {@code {"goal", "title", "approval"}} strictly: every problem is a 400 naming the field,
 * unknown fields are refused.
 */
final class NewPlanJson {

    /** A goal reaches the architect inside its prompt, as a task's body reaches an engineer. */
    static final int MAX_GOAL = NewTaskJson.MAX_BODY;

    private NewPlanJson() {}

    static NewPlan parse(JsonNode json, String createdBy) {
        NewTaskJson.requireObjectOf(json, List.of("goal", "title", "approval"));
        String goal = NewTaskJson.optionalText(json, "goal");
        if (goal == null || goal.isBlank()) {
            throw new BadRequestException("goal", "goal must not be empty: say what the plan should achieve");
        }
        FieldText.requireAtMostBytes("goal", goal, MAX_GOAL);
        String title = NewTaskJson.optionalText(json, "title");
        if (title != null) {
            FieldText.requireAtMostBytes("title", title, NewTaskJson.MAX_TITLE);
        }
        JsonNode approval = json.get("approval");
        if (approval != null && !approval.isNull() && !approval.isBoolean()) {
            throw new BadRequestException("approval", "approval must be true or false, got " + approval);
        }
        return new NewPlan(
                goal.strip(),
                title == null || title.isBlank() ? firstLine(goal) : title.strip(),
                approval == null || approval.isNull() ? null : approval.booleanValue(),
                createdBy);
    }

    /** The goal's first line, cut to a title's length between code points: half a pair would break the board. */
    private static String firstLine(String goal) {
        String line = goal.strip().lines().findFirst().orElse("").strip();
        if (line.codePointCount(0, line.length()) <= 80) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, 77)) + "...";
    }
}
