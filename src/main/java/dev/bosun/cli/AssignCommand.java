package dev.bosun.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bosun assign MEMBER TASK}: reserve a waiting task for one engineer. */
@Command(
        name = "assign",
        mixinStandardHelpOptions = true,
        description = "Reserve a waiting task for one engineer: only that engineer will claim it.")
final class AssignCommand extends ServerCommand {

    @Parameters(index = "0", paramLabel = "MEMBER", description = "an engineer, e.g. eng-1-1")
    String member;

    @Parameters(index = "1", paramLabel = "TASK", description = "the task id")
    String task;

    @Override
    public void run() {
        String taskId = task.startsWith("#") ? task.substring(1) : task;
        client().post("/api/tasks/" + BosunClient.encode(taskId) + "/assign", Map.of("member", member));
        out().println("task " + taskId + " assigned to " + member);
    }
}
