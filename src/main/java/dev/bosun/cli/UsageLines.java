package dev.bosun.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What agent turns cost, as text: the usage block of {@code bosun status} and the turns of
 * {@code bosun task show}, from the JSON of {@code /api/status} and {@code /api/tasks/{id}}.
 */
final class UsageLines {

    private UsageLines() {}

    /**
     * {@code bosun status}: a heading, one line per member, one per plan, one total line; nothing
     * when no turn was recorded.
     */
    static List<String> status(JsonNode usage) {
        JsonNode total = usage.path("total");
        if (total.path("turns").asLong() == 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("USAGE");
        for (Map.Entry<String, JsonNode> member : usage.path("members").properties()) {
            lines.add(String.format(Locale.ROOT, "  %-14s %s", member.getKey(), totals(member.getValue())));
        }
        for (Map.Entry<String, JsonNode> plan : usage.path("plans").properties()) {
            lines.add(String.format(Locale.ROOT, "  %-14s %s", "plan #" + plan.getKey(), totals(plan.getValue())));
        }
        lines.add(String.format(Locale.ROOT, "  %-14s %s", "total", totals(total)));
        return lines;
    }

    /**
     * {@code bosun task show}: one line per turn, oldest first, and the task's total; nothing for a
     * task without turns.
     */
    static List<String> turns(JsonNode task) {
        JsonNode turns = task.path("turns");
        if (turns.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("turns:");
        for (JsonNode turn : turns) {
            String end = turn.path("timedOut").asBoolean()
                    ? "timed out"
                    : "exit " + turn.path("exitCode").asInt();
            lines.add("  " + turn.path("startedAt").asText() + "  "
                    + turn.path("member").asText() + "  attempt "
                    + turn.path("attempt").asInt() + "  "
                    + seconds(turn.path("durationMs").asLong()) + "  " + end
                    + "  " + cost(turn));
        }
        lines.add("  total: " + totals(task.path("usage")));
        return lines;
    }

    /** One turn's tokens and price, or that its CLI reported none. */
    private static String cost(JsonNode turn) {
        if (!turn.hasNonNull("inputTokens")) {
            return "no usage reported";
        }
        return tokens(
                        turn.path("inputTokens").asLong(),
                        turn.path("outputTokens").asLong())
                + (turn.hasNonNull("costUsd")
                        ? "  $" + turn.path("costUsd").decimalValue().toPlainString()
                        : "");
    }

    /** "3 turns  1,540 tokens (1,200 in, 340 out)  $0.0123", and how many turns reported nothing. */
    static String totals(JsonNode totals) {
        long turns = totals.path("turns").asLong();
        long unreported = totals.path("turnsWithoutUsage").asLong();
        StringBuilder line = new StringBuilder()
                .append(turns)
                .append(turns == 1 ? " turn  " : " turns  ")
                .append(tokens(
                        totals.path("inputTokens").asLong(),
                        totals.path("outputTokens").asLong()))
                .append("  ")
                .append(
                        totals.hasNonNull("costUsd")
                                ? "$" + totals.path("costUsd").decimalValue().toPlainString()
                                : "no cost reported");
        if (unreported > 0) {
            line.append("  (").append(unreported).append(unreported == 1 ? " turn" : " turns");
            line.append(" reported no usage)");
        }
        return line.toString();
    }

    private static String tokens(long in, long out) {
        return String.format(Locale.ROOT, "%,d tokens (%,d in, %,d out)", in + out, in, out);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
