package dev.bosun.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13, lifecycle overhead: 50 small tasks through Bosun (2 engineers, a {@code command} agent
 * that commits one file at once, a test command of ~0 s) against a bash script doing the same git
 * work one task after another. Two figures: the wall-time ratio (first task added to last merged,
 * against the script's whole run) and Bosun's own time per task from the engine's history.
 */
final class LifecycleBenchmark implements BenchmarkSection {

    static final int TASKS = 50;
    /** The steps that are not Bosun's own work: git, the agent, the test command. */
    static final Set<String> NOT_BOSUN = Set.of("Task_PrepareWorktree", "Task_CodeTurn", "Task_RunTests", "Task_Merge");

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final DateTimeFormatter ENGINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** The agent: a file named after the task, committed. The script runs it the same way. */
    static final String AGENT = """
            set -e
            echo "$BOSUN_TASK" > "task-$BOSUN_TASK.txt"
            git add "task-$BOSUN_TASK.txt"
            git commit -q -m "task $BOSUN_TASK"
            """;

    /** The baseline: per task a branch, the agent, the test, a --no-ff merge, the branch deleted. */
    static final String BASELINE = """
            set -e
            i=1
            while [ "$i" -le "$1" ]; do
              git switch -q -c "task-$i"
              BOSUN_TASK=$i sh "$2"
              sh test.sh
              git switch -q main
              git merge -q --no-ff -m "Merge task $i" "task-$i"
              git branch -q -d "task-$i"
              i=$((i + 1))
            done
            """;

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public List<Figure> run(BenchmarkWorkspace workspace) throws Exception {
        Path scripts = workspace.folder("scripts");
        Path agent = Files.writeString(scripts.resolve("agent.sh"), AGENT);
        Path baseline = Files.writeString(scripts.resolve("baseline.sh"), BASELINE);

        Path plain = workspace.repository("bash-baseline", null);
        double bash = workspace
                .run(plain, Map.of(), "sh", baseline.toString(), String.valueOf(TASKS), agent.toString())
                .orFail()
                .millis();
        int merges = workspace
                        .run(plain, Map.of(), "git", "rev-list", "--merges", "--count", "main")
                        .orFail()
                        .out()
                        .strip()
                        .equals(String.valueOf(TASKS))
                ? TASKS
                : -1;
        if (merges != TASKS) {
            throw new IllegalStateException("the bash baseline did not merge " + TASKS + " tasks");
        }

        Path repository = workspace.repository("lifecycle", "solo");
        Files.writeString(repository.resolve(".bosun").resolve("team.yaml"), team(agent));
        Measured bosun;
        try (RunningBosun server = RunningBosun.start(workspace, repository)) {
            bosun = measure(server);
        }
        int trailers = workspace
                        .run(repository, Map.of(), "git", "log", "--first-parent", "--format=%B", "main")
                        .orFail()
                        .out()
                        .split("Bosun-Task: ", -1)
                        .length
                - 1;
        if (trailers != TASKS) {
            throw new IllegalStateException("trunk has " + trailers + " Bosun-Task trailers, not " + TASKS);
        }

        String definition = "per task: from the moment an engineer was free for it (max(task created, that"
                + " engineer's previous task ended)) to its end, minus Task_PrepareWorktree, Task_CodeTurn,"
                + " Task_RunTests and Task_Merge (git, the agent, the test); p95 "
                + Figure.number(bosun.own().percentile(95)) + " ms, max "
                + Figure.number(bosun.own().max())
                + " ms; bash per task " + Figure.number(bash / TASKS) + " ms";
        return List.of(
                Figure.ratio(
                        TASKS + " tasks, 2 engineers: wall time, first added to last merged",
                        "Bosun",
                        bosun.wallMillis(),
                        "bash one after another",
                        bash,
                        1.0),
                Figure.atMost("Bosun's own time per task, median", bosun.own().median(), 20, "ms", definition));
    }

    private static String team(Path agent) {
        return """
                name: lifecycle-benchmark
                trunk: main
                agent: command
                test_command: [sh, test.sh]
                roles:
                  - name: engineer
                    role_type: engineer
                    instances: 2
                    use_worktrees: true
                    command: [sh, "%s"]
                """.formatted(agent);
    }

    private record Measured(double wallMillis, Samples own) {}

    private static Measured measure(RunningBosun server) throws Exception {
        long added = System.currentTimeMillis();
        for (int i = 1; i <= TASKS; i++) {
            server.post("/api/tasks", Map.of("title", "Task " + i, "body", "Write a file named after the task."));
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode tasks = server.get("/api/tasks");
            long merged = 0;
            for (JsonNode task : tasks) {
                String status = task.path("status").asText();
                if (status.equals("merged")) {
                    merged++;
                } else if (!Set.of("todo", "in-progress", "testing", "merging").contains(status)) {
                    throw new IllegalStateException("task " + task.path("id").asText() + " is " + status + ": " + task);
                }
            }
            if (merged == TASKS) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(merged + " of " + TASKS + " tasks merged after " + PATIENCE);
            }
            Thread.sleep(200); // a benchmark's wait for completion; the end time comes from the engine
        }
        return fromHistory(server, added);
    }

    /** Wall time and own time per task, from the engine's history of the run. */
    private static Measured fromHistory(RunningBosun server, long added) throws Exception {
        JsonNode instances =
                server.get("/engine-rest/history/process-instance?processDefinitionKey=task-lifecycle&maxResults=1000");
        Map<String, Instance> byId = new HashMap<>();
        String definition = null;
        for (JsonNode instance : instances) {
            byId.put(
                    instance.path("id").asText(),
                    new Instance(time(instance, "startTime"), time(instance, "endTime"), new ArrayList<>()));
            definition = instance.path("processDefinitionId").asText();
        }
        JsonNode activities = server.get(
                "/engine-rest/history/activity-instance?processDefinitionId=" + definition + "&maxResults=100000");
        for (JsonNode activity : activities) {
            Instance instance = byId.get(activity.path("processInstanceId").asText());
            if (instance != null) {
                instance.steps().add(activity);
            }
        }
        JsonNode members = server.get("/engine-rest/history/variable-instance?variableName=member"
                + "&processDefinitionKey=task-lifecycle&maxResults=1000");
        Map<String, String> engineerOf = new HashMap<>();
        for (JsonNode member : members) {
            engineerOf.put(
                    member.path("processInstanceId").asText(),
                    member.path("value").asText());
        }
        // each engineer's tasks in the order it did them; free = max(created, previous one ended)
        Map<String, List<Map.Entry<String, Instance>>> perEngineer = new HashMap<>();
        byId.entrySet()
                .forEach(entry -> perEngineer
                        .computeIfAbsent(engineerOf.get(entry.getKey()), e -> new ArrayList<>())
                        .add(entry));
        Samples own = new Samples();
        Samples claimWait = new Samples();
        Map<String, Samples> steps = new java.util.TreeMap<>();
        long lastEnd = 0;
        for (List<Map.Entry<String, Instance>> tasks : perEngineer.values()) {
            tasks.sort(Comparator.comparingLong(entry -> entry.getValue().end()));
            long previousEnd = 0;
            for (Map.Entry<String, Instance> entry : tasks) {
                Instance task = entry.getValue();
                long free = Math.max(task.start(), previousEnd);
                long notBosun = task.steps().stream()
                        .filter(step ->
                                NOT_BOSUN.contains(step.path("activityId").asText()))
                        .mapToLong(step -> step.path("durationInMillis").asLong())
                        .sum();
                own.add(task.end() - free - notBosun);
                for (JsonNode step : task.steps()) {
                    String activity = step.path("activityId").asText();
                    if (activity.equals("Task_ClaimTask")) {
                        claimWait.add(time(step, "endTime") - free);
                    } else {
                        steps.computeIfAbsent(activity, a -> new Samples())
                                .add(step.path("durationInMillis").asLong());
                    }
                }
                previousEnd = task.end();
                lastEnd = Math.max(lastEnd, task.end());
            }
        }
        if (own.size() != TASKS) {
            throw new IllegalStateException("the engine's history has " + own.size() + " tasks, not " + TASKS);
        }
        // where the time goes, for the README's account of what remains (not a figure)
        System.out.println("  lifecycle breakdown, median / p95 ms: claimed after the engineer was free "
                + Figure.number(claimWait.median()) + " / " + Figure.number(claimWait.percentile(95)));
        steps.forEach((activity, samples) -> System.out.println("    " + activity + " "
                + Figure.number(samples.median()) + " / " + Figure.number(samples.percentile(95))
                + (NOT_BOSUN.contains(activity) ? " (not Bosun's)" : "")));
        return new Measured(lastEnd - added, own);
    }

    private record Instance(long start, long end, List<JsonNode> steps) {}

    private static long time(JsonNode node, String field) {
        return OffsetDateTime.parse(node.path(field).asText(), ENGINE_TIME)
                .toInstant()
                .toEpochMilli();
    }
}
