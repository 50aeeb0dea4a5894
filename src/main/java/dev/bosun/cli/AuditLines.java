package dev.bosun.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The decisions and test runs of {@code bosun task show}, from the JSON of {@code /api/tasks/{id}}:
 * a heading and one line each, oldest first, with their texts indented under them; nothing for a
 * task without any.
 */
final class AuditLines {

    /** Per test run: enough to see what failed without a screen of scrolling ({@code --json} has all 50). */
    static final int TEST_OUTPUT_LINES = 5;

    private AuditLines() {}

    static List<String> decisions(JsonNode task) {
        JsonNode decisions = task.path("decisions");
        if (decisions.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("decisions:");
        for (JsonNode decision : decisions) {
            lines.add("  " + decision.path("at").asText() + "  round "
                    + decision.path("round").asInt() + "  "
                    + decision.path("decision").asText() + "  by "
                    + decision.path("by").asText() + " ("
                    + decision.path("via").asText() + ")");
            indented(lines, "guidance", decision.path("guidance"));
            indented(lines, "comment", decision.path("comment"));
            indented(lines, "reason", decision.path("reason"));
        }
        return lines;
    }

    static List<String> testRuns(JsonNode task) {
        JsonNode runs = task.path("testRuns");
        if (runs.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("test runs:");
        for (JsonNode run : runs) {
            String commit = run.path("commit").asText();
            lines.add("  " + run.path("startedAt").asText() + "  attempt "
                    + run.path("attempt").asInt() + "  "
                    + commit.substring(0, Math.min(10, commit.length())) + "  "
                    + run.path("result").asText()
                    + " (exit " + run.path("exitCode").asInt() + ")  "
                    + String.format(
                            Locale.ROOT, "%.1f s", run.path("durationMs").asLong() / 1000.0));
            if (!"passed".equals(run.path("result").asText())) {
                List<String> output = run.path("outputTail")
                        .asText("")
                        .stripTrailing()
                        .lines()
                        .toList();
                output.subList(Math.max(0, output.size() - TEST_OUTPUT_LINES), output.size())
                        .forEach(line -> lines.add("      | " + line));
            }
        }
        return lines;
    }

    /** {@code label: text}, under the line it belongs to; a text of several lines keeps its lines. */
    private static void indented(List<String> lines, String label, JsonNode value) {
        if (value.isNull() || value.isMissingNode() || value.asText().isBlank()) {
            return;
        }
        List<String> text = value.asText().strip().lines().toList();
        lines.add("      " + label + ": " + text.get(0));
        text.subList(1, text.size()).forEach(line -> lines.add("        " + line));
    }
}
