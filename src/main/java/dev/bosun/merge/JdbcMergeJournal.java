package dev.bosun.merge;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link MergeJournal} in table {@code BOSUN_MERGE_JOURNAL} of the engine's database (H2 file,
 * PostgreSQL), see {@code dev.bosun.lease.BosunSchema}: one row per task and commit (a merge-queue
 * batch is one commit for several tasks, V6). Portable SQL only; each statement commits on its own,
 * so a row is durable before trunk moves.
 */
public final class JdbcMergeJournal implements MergeJournal {

    private final JdbcTemplate jdbc;

    public JdbcMergeJournal(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void record(String taskId, String commit) {
        Integer rows = jdbc.queryForObject(
                "SELECT COUNT(*) FROM BOSUN_MERGE_JOURNAL WHERE COMMIT_ID = ? AND TASK_ID = ?",
                Integer.class,
                commit,
                taskId);
        if (rows != null && rows > 0) {
            return;
        }
        try {
            jdbc.update(
                    "INSERT INTO BOSUN_MERGE_JOURNAL (COMMIT_ID, TASK_ID, RECORDED_AT) VALUES (?, ?, ?)",
                    commit,
                    taskId,
                    System.currentTimeMillis());
        } catch (DataIntegrityViolationException e) {
            // recorded by another thread between the check and the insert: the row exists, as wanted
        }
    }

    @Override
    public List<String> commitsOf(String taskId) {
        return jdbc.query(
                "SELECT COMMIT_ID FROM BOSUN_MERGE_JOURNAL WHERE TASK_ID = ? ORDER BY RECORDED_AT, COMMIT_ID",
                (rs, row) -> rs.getString(1),
                taskId);
    }

    @Override
    public boolean isBosunMerge(String commit) {
        Integer rows = jdbc.queryForObject(
                "SELECT COUNT(*) FROM BOSUN_MERGE_JOURNAL WHERE COMMIT_ID = ?", Integer.class, commit);
        return rows != null && rows > 0;
    }
}
