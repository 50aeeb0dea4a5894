package dev.bosun.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import dev.bosun.process.PlanDecision;

/**
 * {@code bosun plan "GOAL"} and {@code bosun plan list|show|cancel|decide}. The goal is an optional
 * positional parameter next to the subcommands: picocli would check a required one before it
 * reaches a subcommand, so {@code plan list} would fail; the missing goal is refused in
 * {@link #run()} instead. A goal that is a subcommand's name goes after {@code --}.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Give the architect a goal: it plans tasks, the team runs them, the plan is done when all are merged.",
            "A goal that is one of the subcommands' names goes after '--': bosun plan -- list"
        },
        subcommands = {
            PlanCommand.ListPlans.class,
            PlanCommand.Show.class,
            PlanCommand.Cancel.class,
            PlanCommand.Decide.class
        })
final class PlanCommand extends ServerCommand {

    /** How often {@code --wait} reads the plan. */
    static final Duration POLL = Duration.ofSeconds(1);

    @Parameters(
            arity = "0..1",
            paramLabel = "GOAL",
            description = "what the team should achieve, in one quoted argument")
    @Nullable
    String goal;

    @Option(names = "--title", paramLabel = "TEXT", description = "one line for lists (optional)")
    @Nullable
    String title;

    @Option(
            names = "--approve",
            description = "ask a human to approve the plan before its tasks run (default: as the team file says)")
    boolean approve;

    @Option(names = "--wait", description = "print the progress until the plan ends; exit 0 only when it is done")
    boolean wait;

    @Option(
            names = "--json",
            description = "print the created plan's id as JSON; with --wait, only the ended plan as JSON")
    boolean json;

    @Override
    public void run() {
        Map<String, Object> request = request();
        BosunClient client = client(); // one for the whole wait: each has its own connection pool and thread
        JsonNode created = client.post("/api/plans", request);
        String id = created.path("id").asText();
        if (json && !wait) {
            printJson(created);
            return;
        }
        if (!json) {
            out().println("created plan " + id);
            out().flush();
        }
        if (wait) {
            waitUntilItEnds(client, id);
        }
    }

    /** The body of {@code POST /api/plans}; a missing goal is a usage error (an empty one is the server's to refuse). */
    Map<String, Object> request() {
        if (goal == null) {
            throw new ParameterException(
                    spec.commandLine(), "missing GOAL (or a subcommand: list, show, cancel or decide)");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("goal", goal);
        if (title != null) {
            request.put("title", title);
        }
        if (approve) {
            request.put("approval", true); // left out otherwise, so the team file decides
        }
        return request;
    }

    private void waitUntilItEnds(BosunClient client, String id) {
        PlanProgress progress = new PlanProgress(id);
        PrintWriter err = err();
        boolean serverAway = false;
        JsonNode plan;
        while (true) {
            try {
                plan = client.get(planPath(id));
            } catch (BosunClient.Unreachable e) {
                // The server answered the POST, so it is restarting (the plan survives that): keep waiting.
                if (!serverAway) {
                    err.println("bosun: " + e.getMessage() + "; still waiting for plan " + id + ", retrying every "
                            + POLL.toSeconds() + " s");
                    err.flush();
                    serverAway = true;
                }
                pause(id);
                continue;
            }
            serverAway = false;
            for (String line : progress.update(plan)) {
                if (!json) {
                    out().println(line);
                }
            }
            out().flush();
            if (progress.finished()) {
                break;
            }
            pause(id);
        }
        if (json) {
            printJson(plan);
        }
        if (!progress.done()) {
            throw new CliException("plan " + id + " ended "
                    + plan.path("status").asText()
                    + (plan.hasNonNull("reason") ? ": " + plan.path("reason").asText() : ""));
        }
    }

    private static void pause(String id) {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for plan " + id + "; it goes on without you");
        }
    }

    static String planPath(String id) {
        return "/api/plans/" + BosunClient.encode(Ids.withoutHash(id));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List plans, oldest first.")
    static final class ListPlans extends ServerCommand {

        @Option(names = "--json", description = "print the plans as JSON")
        boolean json;

        @Override
        public void run() {
            JsonNode plans = client().get("/api/plans");
            if (json) {
                printJson(plans);
                return;
            }
            if (plans.isEmpty()) {
                out().println("no plans");
            }
            plans.forEach(plan -> out().println(PlanLines.summary(plan)));
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show a plan: its status, the human task it waits for, its tasks as a dependency tree.")
    static final class Show extends ServerCommand {

        @Parameters(paramLabel = "ID", description = "the plan id")
        String id;

        @Option(names = "--json", description = "print the plan as JSON")
        boolean json;

        @Override
        public void run() {
            JsonNode plan = client().get(planPath(id));
            if (json) {
                printJson(plan);
                return;
            }
            PlanLines.details(plan).forEach(out()::println);
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description =
                    "Cancel a plan: its running agents stop, its unfinished tasks are cancelled, their branches kept.")
    static final class Cancel extends ServerCommand {

        @Parameters(paramLabel = "ID", description = "the plan id")
        String id;

        @Override
        public void run() {
            client().post(planPath(id) + "/cancel", Map.of());
            out().println("cancelled plan " + Ids.withoutHash(id));
        }
    }

    @Command(
            name = "decide",
            mixinStandardHelpOptions = true,
            description = "Decide the human task a plan waits for: approve or reject a plan that needs approval,"
                    + " replan or fail one the architect could not get right.")
    static final class Decide extends ServerCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "the plan id")
        String id;

        @Parameters(
                index = "1",
                paramLabel = "DECISION",
                completionCandidates = Decisions.class,
                description = "${COMPLETION-CANDIDATES}: 'plan show' says which the waiting task takes")
        String decision;

        @Option(
                names = "--guidance",
                paramLabel = "TEXT",
                description = "what the architect should do differently (with reject or replan)")
        @Nullable
        String guidance;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("decision", decision);
            if (guidance != null) {
                body.put("guidance", guidance);
            }
            client().post(planPath(id) + "/decision", body);
            out().println("plan " + Ids.withoutHash(id) + ": " + decision
                    + (guidance == null ? "" : " with your guidance"));
        }
    }

    /** The help text lists the decisions from their one home. */
    static final class Decisions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PlanDecision.wireNames().iterator();
        }
    }
}
