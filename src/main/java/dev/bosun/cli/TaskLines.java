package dev.bosun.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One task as one line of text, the same in {@code status} and {@code task list}. */
final class TaskLines {

    private TaskLines() {}

    static String line(JsonNode task) {
        StringBuilder line = new StringBuilder("#")
                .append(task.path("id").asText())
                .append(' ')
                .append(task.path("title").asText())
                .append("  [")
                .append(task.path("status").asText());
        if (!task.path("priority").asText("normal").equals("normal")) {
            line.append(", ").append(task.path("priority").asText());
        }
        if (task.hasNonNull("assignee")) {
            line.append(", ").append(task.path("assignee").asText());
        }
        if (task.path("attempts").asInt() > 0) {
            line.append(", attempt ").append(task.path("attempts").asInt());
        }
        if (task.hasNonNull("mergedCommit")) {
            line.append(", merged ")
                    .append(
                            task.path("mergedCommit").asText(),
                            0,
                            Math.min(7, task.path("mergedCommit").asText().length()));
        }
        line.append(']');
        if (task.hasNonNull("reason")) {
            line.append("  ").append(task.path("reason").asText()); // why it is blocked or cancelled
        }
        return line.toString();
    }

    /**
     * The last {@code max} lines of the task's last output (its agent's terminal, its red tests, a
     * merge's note), under a heading and indented; nothing when there is none. An agent that cannot
     * work says why here, not in the failure reason.
     */
    static List<String> lastOutput(JsonNode details, int max) {
        String text = details.path("lastOutput").asText("").stripTrailing();
        if (text.isBlank()) {
            return List.of();
        }
        List<String> lines = text.lines().toList();
        List<String> shown = new ArrayList<>();
        shown.add(
                lines.size() > max ? "last output (last " + max + " of " + lines.size() + " lines):" : "last output:");
        lines.subList(Math.max(0, lines.size() - max), lines.size()).forEach(line -> shown.add("  " + line));
        return shown;
    }
}
