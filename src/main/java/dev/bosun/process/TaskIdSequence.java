package dev.bosun.process;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.workspace.Worktrees;

/**
 * Short task ids (1, 2, 3...) from a counter row in the engine's database: the UPDATE locks the
 * row, so two nodes never hand out the same id. Portable SQL (H2 and PostgreSQL). A new counter
 * starts above the ids the repository already carries, so deleting the database never makes a new
 * task resume an old branch or look merged because of an old trailer.
 */
@Component
class TaskIdSequence {

    private static final String NAME = "task";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    TaskIdSequence(JdbcTemplate jdbc, TransactionTemplate transaction, Worktrees worktrees) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        jdbc.execute("CREATE TABLE IF NOT EXISTS BOSUN_SEQUENCE "
                + "(NAME VARCHAR(64) PRIMARY KEY, NEXT_VALUE BIGINT NOT NULL)");
        try {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM BOSUN_SEQUENCE WHERE NAME = ?", Long.class, NAME) == 0) {
                jdbc.update("INSERT INTO BOSUN_SEQUENCE (NAME, NEXT_VALUE) VALUES (?, ?)", NAME,
                        worktrees.highestTaskNumberInUse());
            }
        } catch (DuplicateKeyException anotherNodeWasFaster) {
            // the row exists now, which is all we need
        }
    }

    long next() {
        Long value = transaction.execute(status -> {
            jdbc.update("UPDATE BOSUN_SEQUENCE SET NEXT_VALUE = NEXT_VALUE + 1 WHERE NAME = ?", NAME);
            return jdbc.queryForObject("SELECT NEXT_VALUE FROM BOSUN_SEQUENCE WHERE NAME = ?", Long.class, NAME);
        });
        return value;
    }
}
