package dev.bosun.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link TaskDecisions} in table {@code BOSUN_DECISION} (db/bosun/V4__decisions.sql), on the
 * engine's DataSource: a JdbcTemplate on it joins the Spring transaction the engine's command runs
 * in, so the row commits (or not) with the completion of the escalation.
 */
@Component
@DependsOnDatabaseInitialization
public class JdbcTaskDecisions implements TaskDecisions {

    private static final String COLUMNS =
            "ROUND, DECISION, DECIDED_BY, VIA, DECIDED_AT, GUIDANCE, COMMENT_TEXT, REASON";

    private final JdbcTemplate jdbc;

    public JdbcTaskDecisions(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<TaskDecision> of(String taskId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM BOSUN_DECISION WHERE TASK_ID = ? ORDER BY ROUND, ID",
                JdbcTaskDecisions::decision,
                taskId);
    }

    @Override
    public TaskDecision record(String taskId, TaskDecision decision) {
        // One escalation of a task is open at a time, and its completion is one engine
        // transaction: two decisions of the same task never race for a round number.
        Integer last =
                jdbc.queryForObject("SELECT MAX(ROUND) FROM BOSUN_DECISION WHERE TASK_ID = ?", Integer.class, taskId);
        int round = last == null ? 1 : last + 1;
        jdbc.update(
                "INSERT INTO BOSUN_DECISION (TASK_ID, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                taskId,
                round,
                decision.decision(),
                decision.by(),
                decision.via(),
                decision.at().toEpochMilli(),
                decision.guidance(),
                decision.comment(),
                decision.reason());
        return new TaskDecision(
                round,
                decision.decision(),
                decision.by(),
                decision.via(),
                decision.at(),
                decision.guidance(),
                decision.comment(),
                decision.reason());
    }

    private static TaskDecision decision(ResultSet row, int number) throws SQLException {
        return new TaskDecision(
                row.getInt("ROUND"),
                row.getString("DECISION"),
                row.getString("DECIDED_BY"),
                row.getString("VIA"),
                Instant.ofEpochMilli(row.getLong("DECIDED_AT")),
                row.getString("GUIDANCE"),
                row.getString("COMMENT_TEXT"),
                row.getString("REASON"));
    }
}
