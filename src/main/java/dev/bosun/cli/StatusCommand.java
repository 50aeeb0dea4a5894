package dev.bosun.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bosun status}: members (idle, working, stalled; current task), tasks by status, the merge
 * lock, and what the agents' turns cost (per member, per plan, in total; once any turn was recorded).
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the members, the tasks by status, the merge lock holder and what the turns cost.")
final class StatusCommand extends ServerCommand {

    @Option(names = "--json", description = "print the status as JSON")
    boolean json;

    @Override
    public void run() {
        JsonNode status = client().get("/api/status");
        if (json) {
            printJson(status);
            return;
        }
        out().println("team " + status.path("team").asText() + " at " + serverUrl());
        out().println();
        out().println("MEMBERS");
        for (JsonNode member : status.path("members")) {
            String task = member.path("task").isNull() || member.path("task").isMissingNode()
                    ? ""
                    : "#" + member.path("task").asText() + " "
                            + member.path("taskStatus").asText();
            out().printf(
                            "  %-14s %-10s %-8s %s%n",
                            member.path("name").asText(),
                            member.path("roleType").asText(),
                            member.path("state").asText(),
                            task);
        }
        out().println();
        out().println("TASKS");
        for (Iterator<Map.Entry<String, JsonNode>> it = status.path("tasks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> byStatus = it.next();
            if (byStatus.getValue().isEmpty()) {
                continue;
            }
            int listed = byStatus.getValue().size();
            int count = status.path("taskCounts").path(byStatus.getKey()).asInt(listed);
            out().println("  " + byStatus.getKey() + " (" + count
                    + (count > listed
                            ? "; the latest " + listed + " shown, all: bosun task list --status " + byStatus.getKey()
                            : "")
                    + ")");
            for (JsonNode task : byStatus.getValue()) {
                out().println("    " + TaskLines.line(task));
            }
        }
        out().println();
        JsonNode holder = status.path("mergeLockHolder");
        out().println("merge lock: "
                + (holder.isNull() || holder.isMissingNode() ? "free" : "held by " + holder.asText()));
        List<String> usage = UsageLines.status(status.path("usage"));
        if (!usage.isEmpty()) {
            out().println();
            usage.forEach(out()::println);
        }
    }
}
