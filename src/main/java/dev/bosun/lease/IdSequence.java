package dev.bosun.lease;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One counter row of table {@code BOSUN_SEQUENCE} (task ids, message ids), the only code that
 * reads or writes that table. The UPDATE locks the row until its transaction ends, so two nodes
 * never hand out the same value and values grow in the order they were handed out. Portable SQL
 * (H2 and PostgreSQL); an identity column would do the same, but reading the generated key back
 * differs between the two databases' drivers.
 *
 * <p>Contract: thread-safe. {@link #next()} joins the caller's transaction on the same
 * {@link DataSource} (then the row stays locked until the caller commits) and otherwise commits
 * on its own.
 */
public final class IdSequence {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String name;

    /**
     * Adds the counter's row when it is missing, so the schema must exist ({@link BosunSchema}).
     *
     * @param name       the counter's row
     * @param startAfter the value a new counter starts after (its first {@link #next()} is one
     *                   more); ignored when the row exists
     */
    public IdSequence(DataSource dataSource, String name, long startAfter) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.name = name;
        try {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM BOSUN_SEQUENCE WHERE NAME = ?", Long.class, name) == 0) {
                jdbc.update("INSERT INTO BOSUN_SEQUENCE (NAME, NEXT_VALUE) VALUES (?, ?)", name, startAfter);
            }
        } catch (DuplicateKeyException anotherNodeWasFaster) {
            // the row exists now, which is all we need
        }
    }

    public long next() {
        Long value = transaction.execute(status -> {
            jdbc.update("UPDATE BOSUN_SEQUENCE SET NEXT_VALUE = NEXT_VALUE + 1 WHERE NAME = ?", name);
            return jdbc.queryForObject("SELECT NEXT_VALUE FROM BOSUN_SEQUENCE WHERE NAME = ?", Long.class, name);
        });
        return value;
    }
}
