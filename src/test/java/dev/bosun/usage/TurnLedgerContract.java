package dev.bosun.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bosun.agent.TurnRecord;
import dev.bosun.agent.TurnUsage;
import dev.bosun.lease.BosunSchema;

/**
 * What the turn ledger must do on every database Bosun runs on, run against a real one by each
 * subclass: the schema's table as Flyway creates it, the SQL as the server sends it.
 */
abstract class TurnLedgerContract {

    static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    /** A fresh, empty database; each call returns a new data source onto the same database. */
    abstract DataSource dataSource();

    JdbcTurnLedger ledger;

    @BeforeEach
    void migrate() {
        BosunSchema.migrate(dataSource());
        ledger = new JdbcTurnLedger(dataSource());
    }

    static TurnRecord turn(String member, @Nullable String task, int attempt, int minute, @Nullable TurnUsage usage) {
        return new TurnRecord(
                member, task, attempt, T0.plusSeconds(60L * minute), Duration.ofMillis(1500 + minute), 0, false, usage);
    }

    static TurnUsage usage(long in, long out, @Nullable String usd) {
        return new TurnUsage(in, out, usd == null ? null : new BigDecimal(usd));
    }

    @Test
    void aTasksTurnsComeBackOldestFirstWithEverythingRecorded() {
        ledger.record(turn("eng-2", "7", 2, 5, usage(1200, 340, "0.012345678912")));
        ledger.record(new TurnRecord("eng-1", "7", 1, T0, Duration.ofSeconds(90), 3, true, null));
        ledger.record(turn("eng-1", "8", 1, 1, usage(1, 1, "1")));

        List<TurnRecord> turns = ledger.ofTask("7");

        assertThat(turns)
                .containsExactly(
                        new TurnRecord("eng-1", "7", 1, T0, Duration.ofSeconds(90), 3, true, null),
                        new TurnRecord(
                                "eng-2",
                                "7",
                                2,
                                T0.plusSeconds(300),
                                Duration.ofMillis(1505),
                                0,
                                false,
                                // ten decimals kept, the eleventh and twelfth rounded
                                usage(1200, 340, "0.0123456789")));
        assertThat(ledger.ofTask("9")).isEmpty();
    }

    @Test
    void totalsAddTokensAndCostsAndCountTheTurnsThatReportedNothing() {
        ledger.record(turn("eng-1", "7", 1, 0, usage(1000, 200, "0.0100")));
        ledger.record(turn("eng-1", "7", 2, 1, null));
        ledger.record(turn("eng-2", "7", 3, 2, usage(500, 50, null)));
        ledger.record(turn("eng-2", "8", 1, 3, usage(10, 5, "0.25")));
        ledger.record(turn("architect", null, 1, 4, usage(3000, 900, "0.5")));

        assertThat(ledger.totalOfTask("7")).isEqualTo(new UsageTotals(3, 1, 1500, 250, new BigDecimal("0.01")));
        assertThat(ledger.totalOfTask("7").totalTokens()).isEqualTo(1750);
        assertThat(ledger.totalOfTask("9")).isEqualTo(UsageTotals.NONE);
        assertThat(ledger.totalOfTasks(List.of("7", "8", "9")))
                .isEqualTo(new UsageTotals(4, 1, 1510, 255, new BigDecimal("0.26")));
        assertThat(ledger.totalOfTasks(List.of())).isEqualTo(UsageTotals.NONE);
        assertThat(ledger.perTask())
                .containsOnlyKeys("7", "8")
                .containsEntry("8", new UsageTotals(1, 0, 10, 5, new BigDecimal("0.25")));
        assertThat(ledger.perMember())
                .as("a turn without a task counts for its member")
                .containsExactly(
                        java.util.Map.entry("architect", new UsageTotals(1, 0, 3000, 900, new BigDecimal("0.5"))),
                        java.util.Map.entry("eng-1", new UsageTotals(2, 1, 1000, 200, new BigDecimal("0.01"))),
                        java.util.Map.entry("eng-2", new UsageTotals(2, 0, 510, 55, new BigDecimal("0.25"))));
        assertThat(ledger.overall()).isEqualTo(new UsageTotals(5, 1, 4510, 1155, new BigDecimal("0.76")));
    }

    @Test
    void tokensWithoutAnyCostSumToNoCostNotZero() {
        ledger.record(turn("eng-1", "7", 1, 0, usage(100, 20, null)));

        assertThat(ledger.totalOfTask("7").costUsd()).isNull();
        assertThat(ledger.overall()).isEqualTo(new UsageTotals(1, 0, 100, 20, null));
    }

    @Test
    void anEmptyLedgerHasNoTotals() {
        assertThat(ledger.overall()).isEqualTo(UsageTotals.NONE);
        assertThat(ledger.perMember()).isEmpty();
        assertThat(ledger.perTask()).isEmpty();
    }

    @Test
    void aSecondNodeReadsWhatTheFirstRecorded() {
        ledger.record(turn("eng-1", "7", 1, 0, usage(100, 20, "0.001")));

        JdbcTurnLedger otherNode = new JdbcTurnLedger(dataSource());

        assertThat(otherNode.totalOfTask("7")).isEqualTo(new UsageTotals(1, 0, 100, 20, new BigDecimal("0.001")));
    }
}
