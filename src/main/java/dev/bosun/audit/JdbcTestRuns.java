package dev.bosun.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link TestRuns} in table {@code BOSUN_TEST_RUN} (db/bosun/V4__decisions.sql), on the engine's DataSource. */
@Component
@DependsOnDatabaseInitialization
public class JdbcTestRuns implements TestRuns {

    private static final String COLUMNS =
            "TASK_ID, ATTEMPT, MEMBER, COMMIT_ID, RESULT, EXIT_CODE, STARTED_AT, DURATION_MS, OUTPUT_TAIL";

    private final JdbcTemplate jdbc;

    public JdbcTestRuns(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<TestRun> of(String taskId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM BOSUN_TEST_RUN WHERE TASK_ID = ? ORDER BY STARTED_AT, ID",
                JdbcTestRuns::run,
                taskId);
    }

    @Override
    public void record(TestRun run) {
        jdbc.update(
                "INSERT INTO BOSUN_TEST_RUN (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run.taskId(),
                run.attempt(),
                run.member(),
                run.commit(),
                run.result().wireName(),
                run.exitCode(),
                run.startedAt().toEpochMilli(),
                run.duration().toMillis(),
                run.outputTail());
    }

    private static TestRun run(ResultSet row, int number) throws SQLException {
        return new TestRun(
                row.getString("TASK_ID"),
                row.getInt("ATTEMPT"),
                row.getString("MEMBER"),
                row.getString("COMMIT_ID"),
                TestRun.Result.fromWireName(row.getString("RESULT")),
                row.getInt("EXIT_CODE"),
                Instant.ofEpochMilli(row.getLong("STARTED_AT")),
                Duration.ofMillis(row.getLong("DURATION_MS")),
                row.getString("OUTPUT_TAIL"));
    }
}
