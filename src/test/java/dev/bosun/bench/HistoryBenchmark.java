package dev.bosun.bench;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Section 5: {@code GET /api/status} and {@code GET /api/board} (what {@code bosun status} and
 * {@code bosun board} print) with 10,000 finished tasks in the engine's history, against the same
 * calls on the same server before they were added. The finished tasks are real task-lifecycle
 * instances started at their {@code EndEvent_Merged} through {@code /engine-rest} (a finished task
 * is only history, so this is what 10,000 merged tasks leave behind), with the variables a merged
 * task has.
 */
final class HistoryBenchmark implements BenchmarkSection {

    static final int FINISHED = 10_000;
    private static final int ROUNDS = 20;
    private static final double GOAL_MILLIS = 200;

    @Override
    public String name() {
        return "history";
    }

    @Override
    public List<Figure> run(BenchmarkWorkspace workspace) throws Exception {
        Path repository = workspace.repository("history", "pair");
        try (RunningBosun bosun = RunningBosun.start(workspace, repository)) {
            Samples emptyStatus = times(bosun, "/api/status");
            Samples emptyBoard = times(bosun, "/api/board");
            long seeding = System.nanoTime();
            seed(bosun);
            double seedSeconds = (System.nanoTime() - seeding) / 1e9;
            System.out.printf("  seeded %d finished tasks in %.0f s%n", FINISHED, seedSeconds);
            Samples status = times(bosun, "/api/status");
            Samples board = times(bosun, "/api/board");
            Samples cliStatus = new Samples();
            Samples cliBoard = new Samples();
            for (int i = 0; i < 10; i++) {
                cliStatus.add(workspace
                        .run(repository, Map.of(), workspace.bosun().toString(), "status")
                        .orFail()
                        .millis());
                cliBoard.add(workspace
                        .run(repository, Map.of(), workspace.bosun().toString(), "board")
                        .orFail()
                        .millis());
            }
            return List.of(
                    figure("status at 10,000 finished tasks (GET /api/status, median)", status, emptyStatus, cliStatus),
                    figure("board at 10,000 finished tasks (GET /api/board, median)", board, emptyBoard, cliBoard));
        }
    }

    private static Figure figure(String measure, Samples at10k, Samples empty, Samples cli) {
        return Figure.atMost(
                measure,
                at10k.median(),
                GOAL_MILLIS,
                "ms",
                String.format(
                        java.util.Locale.ROOT,
                        "p95 %s ms; same server with no finished task: %s ms; the bosun command end to end: %s ms",
                        Figure.number(at10k.percentile(95)),
                        Figure.number(empty.median()),
                        Figure.number(cli.median())));
    }

    private static Samples times(RunningBosun bosun, String path) throws Exception {
        HttpRequest request = bosun.api(path).GET().build();
        RunningBosun.send(request); // the first call pays for class loading and caches: not a user's steady state
        Samples samples = new Samples();
        for (int i = 0; i < ROUNDS; i++) {
            samples.time(() -> RunningBosun.send(request));
        }
        return samples;
    }

    /** 10,000 merged tasks, four requests at a time, with ids far above the ones Bosun hands out. */
    private static void seed(RunningBosun bosun) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 1; i <= FINISHED; i++) {
                HttpRequest request = bosun.engine("/engine-rest/process-definition/key/task-lifecycle/start")
                        .header("Content-Type", "application/json")
                        .POST(RunningBosun.jsonBody(mergedTask(100_000 + i)))
                        .build();
                sent.add(pool.submit(() -> RunningBosun.send(request)));
            }
            for (Future<String> each : sent) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> mergedTask(int id) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("taskId", string(String.valueOf(id)));
        variables.put("title", string("Finished task " + id));
        variables.put("body", string("Seeded by the benchmark."));
        variables.put("priority", string("normal"));
        variables.put("createdBy", string("human"));
        variables.put("status", string("merged"));
        variables.put("member", string("engineer-1"));
        variables.put("attempt", Map.of("value", 1, "type", "Integer"));
        variables.put("branch", string("bosun/task-" + id));
        variables.put("mergedCommit", string(String.format("%040x", id)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("businessKey", String.valueOf(id));
        body.put("variables", variables);
        body.put("skipCustomListeners", true);
        body.put("skipIoMappings", true);
        body.put("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "EndEvent_Merged")));
        return body;
    }

    private static Map<String, Object> string(String value) {
        return Map.of("value", value, "type", "String");
    }
}
