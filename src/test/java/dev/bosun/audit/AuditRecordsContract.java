package dev.bosun.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bosun.lease.BosunSchema;

/**
 * What the decision and test-run records must do on every database Bosun runs on, run against a
 * real one by each subclass: the tables as Flyway creates them (V4), the SQL as the server sends it.
 */
abstract class AuditRecordsContract {

    static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    /** A fresh, empty database; each call returns a new data source onto the same database. */
    abstract DataSource dataSource();

    JdbcTaskDecisions decisions;
    JdbcTestRuns runs;

    @BeforeEach
    void migrate() {
        BosunSchema.migrate(dataSource());
        decisions = new JdbcTaskDecisions(dataSource());
        runs = new JdbcTestRuns(dataSource());
    }

    @Test
    void eachTasksDecisionsAreNumberedByRoundAndComeBackOldestFirst() {
        String longComment = "line\n".repeat(2_000);
        TaskDecision first = decisions.record(
                "7", new TaskDecision(0, "retry", "alice", "tasklist", T0, "Drop the marker.", longComment, null));
        decisions.record("8", new TaskDecision(0, "abandon", "api-token", "api", T0, null, null, "dropped"));
        TaskDecision second = decisions.record(
                "7", new TaskDecision(0, "merge", "bob", "cli", T0.plusSeconds(60), null, null, "good enough"));

        assertThat(first.round()).isEqualTo(1);
        assertThat(second.round()).isEqualTo(2);
        assertThat(decisions.of("7"))
                .containsExactly(
                        new TaskDecision(1, "retry", "alice", "tasklist", T0, "Drop the marker.", longComment, null),
                        new TaskDecision(2, "merge", "bob", "cli", T0.plusSeconds(60), null, null, "good enough"));
        assertThat(decisions.of("8")).extracting(TaskDecision::round).containsExactly(1);
        assertThat(decisions.of("9")).isEmpty();
    }

    @Test
    void aTasksTestRunsComeBackOldestFirstWithTheirOutput() {
        String tail = "check line 80\nFAIL: a file is BROKEN\n" + "x".repeat(10_000);
        TestRun red = new TestRun(
                "7", 1, "eng-1", "a".repeat(40), TestRun.Result.FAILED, 1, T0, Duration.ofMillis(1234), tail);
        TestRun green = new TestRun(
                "7", 2, "eng-1", "b".repeat(40), TestRun.Result.PASSED, 0, T0.plusSeconds(5), Duration.ZERO, "");
        TestRun slow = new TestRun(
                "8", 1, "eng-2", "c".repeat(40), TestRun.Result.TIMEOUT, -1, T0, Duration.ofSeconds(60), "...");
        runs.record(green);
        runs.record(slow);
        runs.record(red);

        assertThat(runs.of("7")).containsExactly(red, green);
        assertThat(runs.of("8")).containsExactly(slow);
        assertThat(runs.of("9")).isEmpty();
    }

    @Test
    void resultsAreSpelledAsTheApiShowsThem() {
        assertThat(TestRun.Result.COMMAND_MISSING.wireName()).isEqualTo("command-missing");
        for (TestRun.Result result : TestRun.Result.values()) {
            assertThat(TestRun.Result.fromWireName(result.wireName())).isEqualTo(result);
        }
    }
}
