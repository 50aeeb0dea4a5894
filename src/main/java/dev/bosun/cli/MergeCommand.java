package dev.bosun.cli;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bosun merge MEMBER}: the engineer's escalated task is merged now, through the same
 * locked merge step as every other merge (the "merge despite red" decision of Tasklist).
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = "Merge an engineer's escalated task now, through the locked merge step.")
final class MergeCommand extends ServerCommand {

    @Parameters(paramLabel = "MEMBER", description = "the engineer whose branch to merge")
    String member;

    @Option(names = "--json", description = "print the task as JSON")
    boolean json;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "why it is merged by hand (recorded with the decision; shown by bosun task show)")
    String reason;

    @Override
    public void run() {
        JsonNode task = client().post(
                        "/api/members/" + BosunClient.encode(member) + "/merge",
                        reason == null ? Map.of() : Map.of("reason", reason));
        if (json) {
            printJson(task);
        } else {
            out().println("merging task " + task.path("id").asText() + " of " + member
                    + "; follow it with: bosun task show " + task.path("id").asText());
        }
    }
}
