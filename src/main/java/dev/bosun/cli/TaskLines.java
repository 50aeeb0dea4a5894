package dev.bosun.cli;

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
}
