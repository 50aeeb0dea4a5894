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
        try (RunningBosun server = RunningBosun.start(workspace, repository)) {
            for (int i = 0; i < WARM_UP + MESSAGES; i++) {
                long before = size(terminal);
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
                }
                awaitDelivered(server, sent.path("id").asLong(), deadline);
            }
        }
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException missing) {
            return 0;
        }
    }
}
