package dev.bosun.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import dev.bosun.process.TaskStatus;
import dev.bosun.team.Team;

/** {@code bosun task add|list|show}. */
@Command(
        name = "task",
        mixinStandardHelpOptions = true,
        description = "Add, list and show tasks.",
        subcommands = {
            TaskCommand.Add.class,
            TaskCommand.ListTasks.class,
            TaskCommand.Show.class,
            TaskCommand.Retry.class
        })
final class TaskCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand: add, list, show or retry");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a task; an idle engineer claims it.")
    static final class Add extends ServerCommand {

        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "one line")
        String title;

        @Option(names = "--body", paramLabel = "TEXT", description = "what to do and how to know it is done")
        String body;

        @Option(names = "--body-file", paramLabel = "PATH", description = "read the body from a file ('-' for stdin)")
        Path bodyFile;

        @Option(names = "--priority", paramLabel = "LEVEL", description = "low, normal (default), high or urgent")
        String priority;

        @Option(
                names = "--depends-on",
                paramLabel = "ID",
                arity = "1..*",
                description = "tasks that must be merged before this one is claimed")
        List<String> dependsOn = new ArrayList<>();

        @Option(
                names = "--manager",
                paramLabel = "MEMBER",
                description = "only this manager's engineers claim the task, and it reviews the failures")
        String manager;

        @Option(
                names = "--plan",
                paramLabel = "ID",
                description =
                        "the plan the task belongs to (default: $BOSUN_PLAN, set in the architect's planning turn);"
                                + " added during the planning turn, it is held until the turn ends")
        @Nullable
        String plan;

        @Option(names = "--json", description = "print the created task's id as JSON")
        boolean json;

        @Override
        public void run() {
            Map<String, Object> request = request();
            JsonNode created = client().post("/api/tasks", request);
            if (json) {
                printJson(created);
            } else if (created.path("held").asBoolean()) {
                out().println("created task " + created.path("id").asText() + " (held for plan "
                        + created.path("plan").asText(String.valueOf(request.get("plan")))
                        + " until the planning turn ends)");
            } else {
                out().println("created task " + created.path("id").asText());
            }
        }

        /** The body of {@code POST /api/tasks}. */
        Map<String, Object> request() {
            if (body != null && bodyFile != null) {
                throw new CliException("give --body or --body-file, not both");
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("title", title);
            request.put("body", bodyFile != null ? readBody() : body);
            request.put("createdBy", sender());
            if (priority != null) {
                request.put("priority", priority);
            }
            if (manager != null) {
                request.put("manager", manager);
            }
            // An architect's planning turn has BOSUN_PLAN, so the tasks it adds join the plan without it saying so.
            String planId = plan != null ? plan : context.env("BOSUN_PLAN");
            if (planId != null) {
                request.put("plan", Ids.withoutHash(planId.strip()));
            }
            if (!dependsOn.isEmpty()) {
                request.put(
                        "dependsOn",
                        dependsOn.stream()
                                .flatMap(d -> List.of(d.split(",")).stream())
                                .map(String::strip)
                                .filter(d -> !d.isEmpty())
                                .map(Ids::withoutHash)
                                .toList());
            }
            return request;
        }

        private String readBody() {
            try {
                if (bodyFile.toString().equals("-")) {
                    return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                return Files.readString(workingDirectory.resolve(bodyFile));
            } catch (IOException e) {
                throw new CliException("cannot read --body-file " + bodyFile + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks, oldest first.")
    static final class ListTasks extends ServerCommand {

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                completionCandidates = Statuses.class,
                converter = KnownStatus.class,
                description = "only tasks in this status (${COMPLETION-CANDIDATES})")
        String status;

        @Option(names = "--json", description = "print the tasks as JSON")
        boolean json;

        @Override
        public void run() {
            JsonNode tasks =
                    client().get("/api/tasks" + (status == null ? "" : "?status=" + BosunClient.encode(status)));
            if (json) {
                printJson(tasks);
                return;
            }
            if (tasks.isEmpty()) {
                out().println("no tasks" + (status == null ? "" : " in status " + status));
            }
            tasks.forEach(task -> out().println(TaskLines.line(task)));
        }
    }

    /** A usage error (exit 2) for a status no task can have: a typo must not read as "no tasks". */
    static final class KnownStatus implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (TaskStatus.find(value).isEmpty()) {
                throw new TypeConversionException(
                        "unknown status '" + value + "'; known: " + String.join(", ", TaskStatus.wireNames()));
            }
            return value;
        }
    }

    /** The help text lists the statuses from their one home. */
    static final class Statuses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TaskStatus.wireNames().iterator();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a task with its history.")
    static final class Show extends ServerCommand {

        /** Enough for an agent's own error (a refusal, a missing setting) without a screen of scrolling. */
        static final int LAST_OUTPUT_LINES = 20;

        @Parameters(paramLabel = "ID", description = "the task id")
        String id;

        @Option(names = "--json", description = "print the task as JSON")
        boolean json;

        @Override
        public void run() {
            String taskId = Ids.withoutHash(id);
            JsonNode details = client().get("/api/tasks/" + BosunClient.encode(taskId));
            if (json) {
                printJson(details);
                return;
            }
            out().println(TaskLines.line(details.path("task")) + "  added by "
                    + details.path("createdBy").asText(Team.HUMAN)
                    + (details.hasNonNull("manager")
                            ? ", for " + details.path("manager").asText() + "'s engineers"
                            : ""));
            if (details.hasNonNull("body") && !details.path("body").asText().isBlank()) {
                out().println();
                out().println(details.path("body").asText().strip());
            }
            if (details.hasNonNull("failureReason")) {
                out().println();
                out().println("reason: " + details.path("failureReason").asText());
            }
            out().println();
            out().println("history:");
            for (JsonNode step : details.path("history")) {
                String name = step.hasNonNull("name")
                        ? step.path("name").asText()
                        : step.path("activityId").asText();
                out().println("  " + step.path("started").asText("") + "  " + name
                        + (step.hasNonNull("assignee")
                                ? " (" + step.path("assignee").asText() + ")"
                                : "")
                        + (step.hasNonNull("ended") ? "" : "  (running)"));
            }
            for (JsonNode incident : details.path("incidents")) {
                out().println("incident: " + incident.asText());
            }
            List<String> turns = UsageLines.turns(details);
            if (!turns.isEmpty()) {
                out().println();
                turns.forEach(out()::println);
            }
            for (List<String> section : List.of(AuditLines.testRuns(details), AuditLines.decisions(details))) {
                if (!section.isEmpty()) {
                    out().println();
                    section.forEach(out()::println);
                }
            }
            List<String> lastOutput = TaskLines.lastOutput(details, LAST_OUTPUT_LINES);
            if (!lastOutput.isEmpty()) {
                out().println();
                lastOutput.forEach(out()::println);
            }
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Run a task's failed step again (an incident: a missing agent binary, a missing trunk),"
                    + " after you fixed the cause.")
    static final class Retry extends ServerCommand {

        @Parameters(paramLabel = "ID", description = "the task id")
        String id;

        @Override
        public void run() {
            String taskId = Ids.withoutHash(id);
            client().post("/api/tasks/" + BosunClient.encode(taskId) + "/retry", Map.of());
            out().println("task " + taskId + ": its failed step runs again");
        }
    }
}
