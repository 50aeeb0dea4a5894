package dev.bosun.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13, message latency: a running server with one idle engineer, 200 messages to it one after
 * another (each after the previous turn ended), and the time from {@code POST /api/messages} to the
 * first new byte of the member's terminal log {@code .bosun/logs/engineer.log}, the file that
 * {@code bosun logs} and {@code bosun attach} show. The baseline is Batty's 5 s delivery tick.
 */
final class MessageBenchmark implements BenchmarkSection {

    static final int MESSAGES = 200;
    private static final int WARM_UP = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public List<Figure> run(BenchmarkWorkspace workspace) throws Exception {
        Path repository = workspace.repository("messages", "solo");
        Files.writeString(repository.resolve(".bosun").resolve("team.yaml"), """
                name: message-benchmark
                trunk: main
                agent: command
                test_command: [sh, test.sh]
                roles:
                  - name: engineer
                    role_type: engineer
                    instances: 1
                    use_worktrees: true
                    command: ["true"]
                """);
        Path terminal = repository.resolve(".bosun").resolve("logs").resolve("engineer.log");
        Samples latency = new Samples();
        Map<Long, long[]> sentAndSeen = new java.util.HashMap<>();
        try (RunningBosun server = RunningBosun.start(workspace, repository)) {
            for (int i = 0; i < WARM_UP + MESSAGES; i++) {
                long before = size(terminal);
                long sentAt = System.currentTimeMillis();
                long start = System.nanoTime();
                JsonNode sent = server.post("/api/messages", Map.of("to", "engineer", "body", "Message " + i));
                long deadline = start + PATIENCE.toNanos();
                while (size(terminal) <= before) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "message " + sent.path("id") + " reached no terminal in " + PATIENCE);
                    }
                    LockSupport.parkNanos(100_000); // 0.1 ms: the resolution of the measurement
                }
                if (i >= WARM_UP) {
                    latency.add((System.nanoTime() - start) / 1e6);
                    sentAndSeen.put(sent.path("id").asLong(), new long[] {sentAt, System.currentTimeMillis()});
                }
                awaitDelivered(server, sent.path("id").asLong(), deadline);
            }
        }
        breakdown(repository.resolve(".bosun").resolve("events.jsonl"), sentAndSeen);
        String detail = MESSAGES + " messages to an idle engineer (a command agent), one at a time; p50 "
                + Figure.number(latency.median()) + " ms, p99 " + Figure.number(latency.percentile(99))
                + " ms, max " + Figure.number(latency.max()) + " ms; Batty delivers on a 5 s tick";
        return List.of(
                Figure.atMost(
                        "POST /api/messages to the first byte on the idle member's terminal, p50",
                        latency.median(),
                        20,
                        "ms",
                        detail),
                Figure.atMost("the same, p99", latency.percentile(99), 100, "ms", ""));
    }

    /** The member is idle again: its turn ended and the message is delivered. */
    private static void awaitDelivered(RunningBosun server, long id, long deadline) throws Exception {
        while (!server.get("/api/messages/" + id).path("status").asText().equalsIgnoreCase("delivered")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("message " + id + " not delivered in " + PATIENCE);
            }
            Thread.sleep(10); // waiting for the turn to end, outside the measured time
        }
    }

    /**
     * Where the time goes, printed for the README's account (not a figure): from the POST to the
     * turn's {@code message_delivered} event (the delivery loop took the message), and from there to
     * the first byte (the turn's start: worktree, prompt, terminal log).
     */
    private static void breakdown(Path events, Map<Long, long[]> sentAndSeen) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Samples taken = new Samples();
        Samples started = new Samples();
        for (String line : Files.readAllLines(events)) {
            JsonNode event = json.readTree(line);
            if (!event.path("event").asText().equals("message_delivered")) {
                continue;
            }
            long[] times = sentAndSeen.get(event.path("message").asLong(-1));
            if (times != null) {
                long at = java.time.Instant.parse(event.path("ts").asText()).toEpochMilli();
                taken.add(at - times[0]);
                started.add(times[1] - at);
            }
        }
        if (taken.size() > 0) {
            System.out.println("  messages breakdown, median / p99 ms: POST to message_delivered "
                    + Figure.number(taken.median()) + " / " + Figure.number(taken.percentile(99))
                    + ", then to the first byte " + Figure.number(started.median()) + " / "
                    + Figure.number(started.percentile(99)) + " (" + taken.size() + " messages)");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException missing) {
            return 0;
        }
    }
}
