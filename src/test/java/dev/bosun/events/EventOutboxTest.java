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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.lease.BosunSchema;
import dev.bosun.support.TestTimeouts;

/**
 * The outbox on a real H2 database and a real file: order of commit, nothing of a rolled-back
 * transaction, exactly once across a crash before or after the append (a new outbox and log on
 * the same database and file stand for the restarted server), one node's rows only.
 */
class EventOutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00.000Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private DataSource dataSource;
    private DataSourceTransactionManager transactions;
    private Path file;

    /** The database of one test, fresh and empty; an H2 file here. */
    DataSource newDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("db") + ";WRITE_DELAY=0");
        h2.setUser("sa");
        return h2;
    }

    @BeforeEach
    void database() {
        dataSource = newDatabase();
        BosunSchema.migrate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        file = dir.resolve("events.jsonl");
    }

    @Test
    void linesFollowTheOrderOfCommitEachWithItsRowIdAndTheRowsAreDeleted() throws Exception {
        EventOutbox outbox = outbox(log(0), "node-a");
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CountDownLatch firstAdded = new CountDownLatch(1);
        CountDownLatch secondCommitted = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // The first step inserts first (the lower id) but commits last.
            Future<?> first = other.submit(() -> {
                transaction.executeWithoutResult(status -> {
                    outbox.add(event("first_step", "1"));
                    firstAdded.countDown();
                    await(secondCommitted);
                });
                outbox.relay();
            });
            await(firstAdded);
            transaction.executeWithoutResult(status -> outbox.add(event("second_step", "2")));
            outbox.relay();
            assertThat(events(lines())).containsExactly("second_step");
            secondCommitted.countDown();
            first.get(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS);
        } finally {
            other.shutdownNow();
        }

        List<JsonNode> lines = lines();
        assertThat(events(lines)).containsExactly("second_step", "first_step");
        assertThat(lines.get(0).get("seq").asLong())
                .as("each line carries its row's id; the first insert has the lower one")
                .isGreaterThan(lines.get(1).get("seq").asLong());
        assertThat(pendingRows()).isZero();
    }

    @Test
    void aRolledBackTransactionLeavesNoRowAndNoLine() throws IOException {
        EventOutbox outbox = outbox(log(0), "node-a");
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> {
            outbox.add(event("rolled_back", "1"));
            assertThat(pendingRows()).as("the insert joined the transaction").isEqualTo(1);
            status.setRollbackOnly();
        });
        outbox.relay();

        assertThat(pendingRows()).isZero();
        assertThat(Files.exists(file) ? Files.readAllLines(file) : List.of()).isEmpty();
    }

    @Test
    void aCrashBetweenCommitAndAppendIsWrittenOnceAtTheNextStart() throws IOException {
        outbox(log(0), "node-a").add(event("tests_passed", "7"));
        // the server died here: the step and its row are committed, the line is not written

        outbox(log(0), "node-a").relay();
        outbox(log(0), "node-a").relay();

        assertThat(events(lines())).containsExactly("tests_passed");
        assertThat(pendingRows()).isZero();
    }

    @Test
    void aCrashBetweenAppendAndDeleteIsNotWrittenAgain() throws IOException {
        EventLog crashed = log(0);
        EventOutbox before = outbox(crashed, "node-a");
        before.add(event("tests_passed", "7"));
        before.add(event("merge_started", "7"));
        long[] ids = rowIds();
        // the relay of the dead server wrote the first line, not the second, and deleted neither row
        crashed.appendLine(rowLine(ids[0]), ids[0]);

        outbox(log(0), "node-a").relay();

        List<JsonNode> lines = lines();
        assertThat(events(lines)).containsExactly("tests_passed", "merge_started");
        assertThat(lines.stream().map(l -> l.get("seq").asLong())).containsExactly(ids[0], ids[1]);
        assertThat(pendingRows()).isZero();
    }

    @Test
    void aLineWrittenJustBeforeARotationIsFoundInTheRotatedFile() throws IOException {
        long rotateAt = 200;
        EventLog crashed = log(rotateAt);
        outbox(crashed, "node-a").add(event("tests_passed", "7"));
        long id = rowIds()[0];
        crashed.appendLine(rowLine(id), id);
        // after the restart another writer (leftovers_stopped) comes first and rotates the file
        EventLog restarted = log(rotateAt);
        Files.writeString(
                file,
                "x".repeat((int) rotateAt) + "\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        restarted.append(BosunEvent.of("leftovers_stopped", null, CLOCK));
        assertThat(LogRotation.rotationsOf(file)).hasSize(1);

        outbox(restarted, "node-a").relay();

        assertThat(Files.readAllLines(file)).noneMatch(line -> line.contains("tests_passed"));
        assertThat(pendingRows()).isZero();
    }

    @Test
    void aNodeWritesOnlyTheRowsOfItsOwnEventLog() throws IOException {
        Path otherFile = dir.resolve("other/events.jsonl");
        EventOutbox mine = outbox(log(0), "node-a");
        EventOutbox theirs =
                new EventOutbox(dataSource, transactions, new EventLog(otherFile, 0, CLOCK), "node-b", CLOCK, null);
        mine.add(event("mine", "1"));
        theirs.add(event("theirs", "2"));

        mine.relay();

        assertThat(events(lines())).containsExactly("mine");
        assertThat(pendingRows()).as("node-b's row waits for node-b").isEqualTo(1);
        theirs.relay();
        assertThat(Files.readAllLines(otherFile)).singleElement().asString().contains("\"event\":\"theirs\"");
    }

    @Test
    void aLineAnotherProcessWroteSinceThisLogLastReadTheFileIsNotWrittenAgain() throws IOException {
        EventLog mine = log(0);
        EventOutbox outbox = outbox(mine, "shared");
        outbox.add(event("task_created", "7"));
        outbox.relay(); // this log now knows the file's end
        outbox.add(event("tests_passed", "7"));
        long id = rowIds()[0];
        // another node on the same file wrote the row's line and died before deleting the row
        log(0).appendLine(rowLine(id), id);

        outbox.relay();

        assertThat(events(lines())).containsExactly("task_created", "tests_passed");
        assertThat(pendingRows()).isZero();
    }

    @Test
    void twoProcessesOnOneFileWriteEachRowOnce() throws Exception {
        // two nodes sharing a repository folder: one file, one event log id, a log instance each
        EventOutbox a = outbox(log(0), "shared");
        EventOutbox b = outbox(log(0), "shared");
        int rows = 60;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> both = new ArrayList<>();
            for (EventOutbox outbox : List.of(a, b)) {
                both.add(pool.submit(() -> {
                    for (int i = 0; i < rows / 2; i++) {
                        outbox.add(event("step", Integer.toString(i)));
                        outbox.relay();
                    }
                }));
            }
            for (Future<?> future : both) {
                future.get(TestTimeouts.scaledMillis(60), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> seqs = lines().stream().map(l -> l.get("seq").asLong()).toList();
        assertThat(seqs).hasSize(rows).doesNotHaveDuplicates();
        assertThat(pendingRows()).isZero();
    }

    @Test
    void timestampsDoNotGoBackAcrossARestart() throws IOException {
        Instant later = CLOCK.instant().plusSeconds(10);
        log(0).append(new BosunEvent(later, "before_the_crash", "1", null, null, null, null, null));

        outbox(log(0), "node-a").add(event("older_step", "1"));
        outbox(log(0), "node-a").relay();

        List<JsonNode> lines = lines();
        assertThat(lines.get(1).get("ts").asText())
                .isEqualTo(lines.get(0).get("ts").asText());
    }

    @Test
    void aLastLineCutShortByACrashIsEndedBeforeTheNextLine() throws IOException {
        Files.writeString(file, "{\"ts\":\"2026-12-02T10:00:00.000Z\",\"event\":\"half", StandardCharsets.UTF_8);

        outbox(log(0), "node-a").add(event("whole", "1"));
        outbox(log(0), "node-a").relay();

        List<String> raw = Files.readAllLines(file);
        assertThat(raw).hasSize(2);
        assertThat(JSON.readTree(raw.get(1)).get("event").asText()).isEqualTo("whole");
    }

    private EventLog log(long rotateAtBytes) {
        return new EventLog(file, rotateAtBytes, CLOCK, UnaryOperator.identity());
    }

    private EventOutbox outbox(EventLog log, String eventLog) {
        return new EventOutbox(dataSource, transactions, log, eventLog, CLOCK, null);
    }

    private static BosunEvent event(String name, String task) {
        return BosunEvent.of(name, task, CLOCK).detail("run", UUID.randomUUID().toString());
    }

    private int pendingRows() {
        Integer count =
                new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM BOSUN_EVENT_OUTBOX", Integer.class);
        return count == null ? 0 : count;
    }

    private long[] rowIds() {
        return new JdbcTemplate(dataSource)
                .queryForList("SELECT ID FROM BOSUN_EVENT_OUTBOX ORDER BY ID", Long.class).stream()
                        .mapToLong(Long::longValue)
                        .toArray();
    }

    private String rowLine(long id) {
        return new JdbcTemplate(dataSource)
                .queryForObject("SELECT LINE FROM BOSUN_EVENT_OUTBOX WHERE ID = ?", String.class, id);
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> events(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("event").asText()).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("timed out waiting for the other transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
