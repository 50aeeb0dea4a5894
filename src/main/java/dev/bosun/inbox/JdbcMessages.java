package dev.bosun.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link Messages} in table {@code BOSUN_MESSAGE} of the engine's database (H2 file, PostgreSQL),
 * created when missing. Only portable SQL: times are epoch milliseconds in BIGINT columns, the
 * body is TEXT (PostgreSQL's unbounded text; H2 reads it as a VARCHAR of up to 1,000,000
 * characters, far above the 60,000 a message may have).
 *
 * <p>Ids come from the counter row {@code message} of {@code BOSUN_SEQUENCE} (the table task ids
 * use): the UPDATE locks the row until the new message is inserted, so two nodes never hand out
 * the same id and ids grow in the order messages were stored. An identity column would do the
 * same, but reading the generated key back differs between the two databases' drivers.
 *
 * <p>A taken message carries the taking node and a lease end ({@code TAKEN_BY},
 * {@code LEASE_UNTIL}); see {@link Messages} for what that guards.
 */
final class JdbcMessages implements Messages {

    private static final String SEQUENCE = "message";
    private static final String COLUMNS = "ID, SENDER, RECIPIENT, DELIVERED_TO, BODY, STATUS, CREATED_AT, DELIVERED_AT";
    private static final String QUEUE_AGAIN = "STATUS = 'QUEUED', DELIVERED_TO = NULL, DELIVERED_AT = NULL, "
            + "TAKEN_BY = NULL, LEASE_UNTIL = NULL";
    private static final RowMapper<Message> ROW = JdbcMessages::message;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    JdbcMessages(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        createTables();
    }

    private void createTables() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS BOSUN_MESSAGE (ID BIGINT PRIMARY KEY, SENDER VARCHAR(255) NOT NULL, "
                + "RECIPIENT VARCHAR(255) NOT NULL, DELIVERED_TO VARCHAR(255), BODY TEXT NOT NULL, "
                + "STATUS VARCHAR(16) NOT NULL, CREATED_AT BIGINT NOT NULL, DELIVERED_AT BIGINT, "
                + "TAKEN_BY VARCHAR(255), LEASE_UNTIL BIGINT)");
        // The delivery loop of every node asks for QUEUED rows a few times a second.
        jdbc.execute("CREATE INDEX IF NOT EXISTS BOSUN_MESSAGE_STATUS ON BOSUN_MESSAGE (STATUS)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS BOSUN_SEQUENCE (NAME VARCHAR(64) PRIMARY KEY, NEXT_VALUE BIGINT NOT NULL)");
        try {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM BOSUN_SEQUENCE WHERE NAME = ?", Long.class, SEQUENCE) == 0) {
                jdbc.update("INSERT INTO BOSUN_SEQUENCE (NAME, NEXT_VALUE) VALUES (?, 0)", SEQUENCE);
            }
        } catch (DuplicateKeyException anotherNodeWasFaster) {
            // the row exists now, which is all we need
        }
    }

    @Override
    public Message add(String from, String to, String body, Instant createdAt) {
        return transaction.execute(status -> {
            jdbc.update("UPDATE BOSUN_SEQUENCE SET NEXT_VALUE = NEXT_VALUE + 1 WHERE NAME = ?", SEQUENCE);
            long id = jdbc.queryForObject("SELECT NEXT_VALUE FROM BOSUN_SEQUENCE WHERE NAME = ?", Long.class, SEQUENCE);
            jdbc.update("INSERT INTO BOSUN_MESSAGE (ID, SENDER, RECIPIENT, BODY, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                    id, from, to, body, MessageStatus.QUEUED.name(), createdAt.toEpochMilli());
            return new Message(id, from, to, null, body, MessageStatus.QUEUED, Instant.ofEpochMilli(createdAt.toEpochMilli()), null);
        });
    }

    @Override
    public Optional<Message> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM BOSUN_MESSAGE WHERE ID = ?", ROW, id).stream().findFirst();
    }

    @Override
    public List<Message> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM BOSUN_MESSAGE ORDER BY ID", ROW);
    }

    @Override
    public List<Message> inboxOf(String member, String role) {
        return jdbc.query("SELECT " + COLUMNS + " FROM BOSUN_MESSAGE WHERE RECIPIENT = ? OR DELIVERED_TO = ? "
                + "OR (RECIPIENT = ? AND DELIVERED_TO IS NULL) ORDER BY ID", ROW, member, member, role);
    }

    @Override
    public List<Message> queued() {
        return jdbc.query("SELECT " + COLUMNS + " FROM BOSUN_MESSAGE WHERE STATUS = 'QUEUED' ORDER BY ID", ROW);
    }

    @Override
    public boolean take(long id, String member, String node, Instant now, Instant leaseUntil) {
        return jdbc.update("UPDATE BOSUN_MESSAGE SET STATUS = 'DELIVERING', DELIVERED_TO = ?, DELIVERED_AT = ?, "
                + "TAKEN_BY = ?, LEASE_UNTIL = ? WHERE ID = ? AND STATUS = 'QUEUED'",
                member, now.toEpochMilli(), node, leaseUntil.toEpochMilli(), id) == 1;
    }

    @Override
    public void renew(String node, String member, Instant leaseUntil) {
        jdbc.update("UPDATE BOSUN_MESSAGE SET LEASE_UNTIL = ? WHERE STATUS = 'DELIVERING' AND TAKEN_BY = ? "
                + "AND DELIVERED_TO = ?", leaseUntil.toEpochMilli(), node, member);
    }

    @Override
    public void delivered(List<Long> ids, String node) {
        for (long id : ids) {
            jdbc.update("UPDATE BOSUN_MESSAGE SET STATUS = 'DELIVERED', LEASE_UNTIL = NULL "
                    + "WHERE ID = ? AND STATUS = 'DELIVERING' AND TAKEN_BY = ?", id, node);
        }
    }

    @Override
    public void requeue(List<Long> ids, String node) {
        for (long id : ids) {
            jdbc.update("UPDATE BOSUN_MESSAGE SET " + QUEUE_AGAIN + " WHERE ID = ? AND STATUS = 'DELIVERING' "
                    + "AND TAKEN_BY = ?", id, node);
        }
    }

    @Override
    public int requeueExpired(Instant now) {
        return jdbc.update("UPDATE BOSUN_MESSAGE SET " + QUEUE_AGAIN + " WHERE STATUS = 'DELIVERING' AND LEASE_UNTIL < ?",
                now.toEpochMilli());
    }

    @Override
    public boolean delivering(String member) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM BOSUN_MESSAGE WHERE STATUS = 'DELIVERING' "
                + "AND DELIVERED_TO = ?", Long.class, member);
        return count != null && count > 0;
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        long deliveredMillis = rs.getLong("DELIVERED_AT");
        Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(deliveredMillis);
        return new Message(rs.getLong("ID"), rs.getString("SENDER"), rs.getString("RECIPIENT"),
                rs.getString("DELIVERED_TO"), rs.getString("BODY"), MessageStatus.valueOf(rs.getString("STATUS")),
                Instant.ofEpochMilli(rs.getLong("CREATED_AT")), deliveredAt);
    }
}
