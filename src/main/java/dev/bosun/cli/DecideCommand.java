package dev.bosun.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bosun decide TASK retry|abandon|merge}: the escalation decision of Tasklist, from a terminal. */
@Command(
        name = "decide",
        mixinStandardHelpOptions = true,
        description =
                "Decide an escalated task: retry (one more round, with your guidance), abandon, or merge (despite red tests, or accepting the change of protected paths shown).")
final class DecideCommand extends ServerCommand {

    @Parameters(index = "0", paramLabel = "TASK", description = "the escalated task's id")
    String task;

    @Parameters(index = "1", paramLabel = "DECISION", description = "retry, abandon or merge")
    String decision;

    @Option(
            names = "--guidance",
            paramLabel = "TEXT",
            description = "what the engineer should do differently (with retry)")
    String guidance;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "why you abandon or merge (recorded with the decision; shown by bosun task show)")
    String reason;

    @Override
    public void run() {
        String taskId = task.startsWith("#") ? task.substring(1) : task;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (guidance != null) {
            body.put("guidance", guidance);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        client().post("/api/tasks/" + BosunClient.encode(taskId) + "/decision", body);
        out().println("task " + taskId + ": " + decision + (guidance == null ? "" : " with your guidance"));
    }
}
