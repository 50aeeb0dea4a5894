package dev.bosun.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.TestTimeouts;

class EventLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROTATION_COUNTER = Pattern.compile("-123-(\\d+)\\.jsonl$");

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00.123Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void knownSecretsAreReplacedInEveryTextEvenWhereJsonWouldEscapeThem() throws IOException {
        Path file = dir.resolve("events.jsonl");
        String secret = "pa\"ss\\word-9";
        EventLog log = new EventLog(file, 0, clock, text -> text.replace(secret, "[redacted]"));

        log.append(BosunEvent.of("tests_failed", "T-1", clock)
                .reason("printed " + secret)
                .detail("output", List.of("line " + secret, "plain"))
                .detail("attempt", 2));

        String content = Files.readString(file);
        assertThat(content).doesNotContain("word-9");
        JsonNode line = JSON.readTree(content);
        assertThat(line.get("reason").asText()).isEqualTo("printed [redacted]");
        assertThat(line.get("output").get(0).asText()).isEqualTo("line [redacted]");
        assertThat(line.get("output").get(1).asText()).isEqualTo("plain");
        assertThat(line.get("attempt").isInt()).isTrue();
    }

    @Test
    void writesOneCompactLineWithIsoTimeAndFixedFieldsFirst() throws IOException {
        Path file = dir.resolve(".bosun/events.jsonl");
        EventLog log = new EventLog(file, 0);

        boolean written = log.append(BosunEvent.of("tests.red", "T-7", clock)
                .member("eng-1-1")
                .from("testing")
                .to("coding")
                .reason("2 tests failed")
                .detail("attempt", 2)
                .detail("exitCode", 1)
                .detail("commit", "abc123"));

        assertThat(written).isTrue();
        String content = Files.readString(file);
        assertThat(content).endsWith("\n").doesNotContain("\n  ").hasLineCount(1);
        JsonNode line = JSON.readTree(content);
        assertThat(fieldNames(line))
                .containsExactly(
                        "ts", "event", "task", "member", "from", "to", "reason", "attempt", "exitCode", "commit");
        assertThat(line.get("ts").asText()).isEqualTo("2026-11-29T10:00:00.123Z");
        assertThat(line.get("event").asText()).isEqualTo("tests.red");
        assertThat(line.get("task").asText()).isEqualTo("T-7");
        assertThat(line.get("member").asText()).isEqualTo("eng-1-1");
        assertThat(line.get("from").asText()).isEqualTo("testing");
        assertThat(line.get("to").asText()).isEqualTo("coding");
        assertThat(line.get("reason").asText()).isEqualTo("2 tests failed");
        assertThat(line.get("attempt").isInt()).isTrue();
        assertThat(line.get("exitCode").asInt()).isEqualTo(1);
        assertThat(line.get("commit").asText()).isEqualTo("abc123");
    }

    @Test
    void leavesNullFieldsOut() throws IOException {
        Path file = dir.resolve("events.jsonl");

        new EventLog(file, 0).append(BosunEvent.of("plan.started", null, clock));

        assertThat(Files.readString(file))
                .isEqualTo("{\"ts\":\"2026-11-29T10:00:00.123Z\",\"event\":\"plan.started\"}\n");
    }

    @Test
    void writesWholeMillisecondsEvenWhenTheyAreZero() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Clock onTheSecond = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

        new EventLog(file, 0)
                .append(BosunEvent.of("e", "T-1", onTheSecond).detail("at", Instant.parse("2026-01-02T03:04:05Z")));

        JsonNode line = JSON.readTree(Files.readString(file));
        assertThat(line.get("ts").asText()).isEqualTo("2026-11-29T10:00:00.000Z");
        assertThat(line.get("at").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void eightThreadsNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("events.jsonl");
        EventLog log = new EventLog(file, 0);
        int threads = 8;
        int perThread = 200;

        List<Boolean> results = appendConcurrently(log, threads, perThread);

        assertThat(results).hasSize(threads * perThread).containsOnly(true);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        assertThat(parseAll(lines)).doesNotHaveDuplicates().hasSize(threads * perThread);
    }

    /**
     * As in the server: each event is stamped when its step runs and appended after its transaction
     * commits, on that transaction's thread, so the one stamped first may be written later.
     */
    @Test
    void timestampsNeverGoBackInFileOrderWhenEventsBuiltEarlierArriveLate() throws Exception {
        Path file = dir.resolve("events.jsonl");
        EventLog log = new EventLog(file, 0);
        int threads = 8;
        int perThread = 50;
        Instant first = Instant.parse("2026-11-29T10:00:00.000Z");
        List<List<BosunEvent>> built = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            built.add(new ArrayList<>());
        }
        for (int i = 0; i < threads * perThread; i++) {
            // stamped one millisecond apart, round-robin over the threads that will write them
            Clock at = Clock.fixed(first.plusMillis(i), ZoneOffset.UTC);
            built.get(i % threads).add(BosunEvent.of("step", "T-" + i, at).detail("stamped", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (List<BosunEvent> events : built) {
                writers.add(pool.submit(() -> {
                    start.await();
                    events.forEach(log::append);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(threads * perThread);
        Instant previous = Instant.MIN;
        for (JsonNode line : lines) {
            Instant ts = Instant.parse(line.get("ts").asText());
            assertThat(ts).as("line %s after %s", line, previous).isAfterOrEqualTo(previous);
            assertThat(ts)
                    .as("never earlier than its event")
                    .isAfterOrEqualTo(first.plusMillis(line.get("stamped").asInt()));
            previous = ts;
        }
    }

    @Test
    void rotatesAFullFileWithoutLosingOrSplittingALine() throws Exception {
        Path file = dir.resolve("events.jsonl");
        EventLog log = new EventLog(file, 2_000, clock);
        int threads = 4;
        int perThread = 50;

        List<Boolean> results = appendConcurrently(log, threads, perThread);

        assertThat(results).containsOnly(true);
        List<Path> rotated = rotatedFiles();
        assertThat(rotated).isNotEmpty();
        assertThat(rotated.get(0).getFileName().toString()).isEqualTo("events-20261129-100000-123.jsonl");
        assertThat(rotated)
                .allSatisfy(p ->
                        assertThat(p.getFileName().toString()).matches("events-20261129-100000-123(-\\d+)?\\.jsonl"));
        assertThat(file).exists();
        List<String> all = new ArrayList<>();
        for (Path part : concat(rotated, file)) {
            String content = Files.readString(part);
            assertThat(content).as(part.toString()).endsWith("\n");
            List<String> lines = content.lines().toList();
            assertThat(lines).as(part.toString()).isNotEmpty();
            all.addAll(lines);
        }
        assertThat(parseAll(all)).hasSize(threads * perThread).doesNotHaveDuplicates();
    }

    @Test
    void rotatesOnlyOnceTheFileHasReachedTheLimit() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventLog log = new EventLog(file, 10_000, clock);

        log.append(BosunEvent.of("e", "T-1", clock));
        log.append(BosunEvent.of("e", "T-2", clock));

        assertThat(rotatedFiles()).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void returnsFalseWithoutThrowingWhenTheTargetIsADirectory() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.createDirectories(file);
        EventLog log = new EventLog(file, 1, clock);

        boolean written = log.append(BosunEvent.of("e", "T-1", clock));

        assertThat(written).isFalse();
        assertThat(file).isDirectory();
        assertThat(rotatedFiles()).as("a directory is never rotated away").isEmpty();
    }

    @Test
    void returnsFalseWhenTheFolderCannotBeCreated() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");

        boolean written = new EventLog(blocker.resolve("events.jsonl"), 0).append(BosunEvent.of("e", "T-1", clock));

        assertThat(written).isFalse();
    }

    @Test
    void returnsFalseForAnEventJacksonCannotWriteAndKeepsGoing() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventLog log = new EventLog(file, 0);

        assertThat(log.append(BosunEvent.of("e", "T-1", clock).detail("bad", new Object())))
                .isFalse();
        assertThat(log.append(null)).isFalse();
        assertThat(log.append(BosunEvent.of("e", "T-2", clock))).isTrue();
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    private static List<Boolean> appendConcurrently(EventLog log, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Boolean>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String member = "eng-1-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Boolean> results = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        results.add(log.append(BosunEvent.of("turn.output", "T-" + i)
                                .member(member)
                                .reason("x".repeat(i % 37))
                                .detail("n", i)));
                    }
                    return results;
                }));
            }
            start.countDown();
            List<Boolean> all = new ArrayList<>();
            for (Future<List<Boolean>> future : futures) {
                all.addAll(future.get(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each line as "member/n", after checking it parses as one JSON object. */
    private static List<String> parseAll(List<String> lines) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.get("event").asText()).isEqualTo("turn.output");
            ids.add(node.get("member").asText() + "/" + node.get("n").asInt());
        }
        return ids;
    }

    private List<Path> rotatedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("events-.+\\.jsonl"))
                    .sorted((a, b) -> rotationIndex(a) - rotationIndex(b))
                    .toList();
        }
    }

    private static int rotationIndex(Path rotated) {
        Matcher m = ROTATION_COUNTER.matcher(rotated.getFileName().toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static List<Path> concat(List<Path> rotated, Path current) {
        List<Path> all = new ArrayList<>(rotated);
        all.add(current);
        return all;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
