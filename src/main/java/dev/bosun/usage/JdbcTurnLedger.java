package dev.bosun.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.bosun.agent.TurnLedger;
import dev.bosun.agent.TurnRecord;
import dev.bosun.agent.TurnUsage;

/**
 * The {@link TurnLedger} and its {@link TurnHistory} in table {@code BOSUN_TURN}
 * (db/bosun/V3__turns.sql), on the engine's DataSource: every node of a team writes its turns
 * there, so the totals are the team's. Turns run outside engine transactions, so each record
 * commits on its own.
 */
@Component
@DependsOnDatabaseInitialization
// Primary: the ledger of record for whoever asks for one TurnLedger; the agent area tells every one (the metrics too).
@Primary
public class JdbcTurnLedger implements TurnLedger, TurnHistory {

    /** The cost column's scale (NUMERIC(20, 10)). */
    private static final int COST_SCALE = 10;

    private static final String TOTALS = "SELECT COUNT(*) AS TURNS,"
            + " SUM(CASE WHEN INPUT_TOKENS IS NULL THEN 1 ELSE 0 END) AS UNREPORTED,"
            + " SUM(INPUT_TOKENS) AS INPUT_TOKENS, SUM(OUTPUT_TOKENS) AS OUTPUT_TOKENS,"
            + " SUM(COST_USD) AS COST_USD";

    private final JdbcTemplate jdbc;

    public JdbcTurnLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void record(TurnRecord turn) {
        TurnUsage usage = turn.usage();
        jdbc.update(
                "INSERT INTO BOSUN_TURN (MEMBER, TASK_ID, ATTEMPT, STARTED_AT, DURATION_MS, EXIT_CODE, TIMED_OUT,"
                        + " INPUT_TOKENS, OUTPUT_TOKENS, COST_USD) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                turn.member(),
                turn.taskId(),
                turn.attempt(),
                turn.startedAt().toEpochMilli(),
                turn.duration().toMillis(),
                turn.exitCode(),
                turn.timedOut(),
                usage == null ? null : usage.inputTokens(),
                usage == null ? null : usage.outputTokens(),
                usage == null || usage.costUsd() == null
                        ? null
                        : usage.costUsd().setScale(COST_SCALE, RoundingMode.HALF_UP));
    }

    @Override
    public List<TurnRecord> ofTask(String taskId) {
        return jdbc.query(
                "SELECT MEMBER, TASK_ID, ATTEMPT, STARTED_AT, DURATION_MS, EXIT_CODE, TIMED_OUT, INPUT_TOKENS,"
                        + " OUTPUT_TOKENS, COST_USD FROM BOSUN_TURN WHERE TASK_ID = ? ORDER BY STARTED_AT, ID",
                JdbcTurnLedger::turn,
                taskId);
    }

    @Override
    public UsageTotals totalOfTask(String taskId) {
        return jdbc.queryForObject(TOTALS + " FROM BOSUN_TURN WHERE TASK_ID = ?", JdbcTurnLedger::totals, taskId);
    }

    @Override
    public UsageTotals totalOfTasks(Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return UsageTotals.NONE;
        }
        String marks = String.join(", ", Collections.nCopies(taskIds.size(), "?"));
        return jdbc.queryForObject(
                TOTALS + " FROM BOSUN_TURN WHERE TASK_ID IN (" + marks + ")",
                JdbcTurnLedger::totals,
                taskIds.toArray());
    }

    @Override
    public Map<String, UsageTotals> perTask() {
        return grouped("TASK_ID", "WHERE TASK_ID IS NOT NULL");
    }

    @Override
    public Map<String, UsageTotals> perMember() {
        return grouped("MEMBER", "");
    }

    @Override
    public UsageTotals overall() {
        return jdbc.queryForObject(TOTALS + " FROM BOSUN_TURN", JdbcTurnLedger::totals);
    }

    /** @param column a constant of this class, never user text */
    private Map<String, UsageTotals> grouped(String column, String where) {
        Map<String, UsageTotals> totals = new LinkedHashMap<>();
        jdbc.query(
                TOTALS + ", " + column + " AS GROUP_KEY FROM BOSUN_TURN " + where + " GROUP BY " + column + " ORDER BY "
                        + column,
                row -> {
                    totals.put(row.getString("GROUP_KEY"), totals(row, 0));
                });
        return totals;
    }

    private static UsageTotals totals(ResultSet row, int number) throws SQLException {
        @Nullable BigDecimal cost = row.getBigDecimal("COST_USD");
        return new UsageTotals(
                row.getLong("TURNS"),
                row.getLong("UNREPORTED"),
                row.getLong("INPUT_TOKENS"),
                row.getLong("OUTPUT_TOKENS"),
                cost);
    }

    private static TurnRecord turn(ResultSet row, int number) throws SQLException {
        long input = row.getLong("INPUT_TOKENS");
        boolean reported = !row.wasNull();
        @Nullable BigDecimal cost = row.getBigDecimal("COST_USD");
        return new TurnRecord(
                row.getString("MEMBER"),
                row.getString("TASK_ID"),
                row.getInt("ATTEMPT"),
                Instant.ofEpochMilli(row.getLong("STARTED_AT")),
                Duration.ofMillis(row.getLong("DURATION_MS")),
                row.getInt("EXIT_CODE"),
                row.getBoolean("TIMED_OUT"),
                reported
                        ? new TurnUsage(input, row.getLong("OUTPUT_TOKENS"), cost == null ? null : Money.plain(cost))
                        : null);
    }
}
