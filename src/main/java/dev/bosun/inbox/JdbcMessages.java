package dev.bosun.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.lease.BosunSchema;
import dev.bosun.lease.IdSequence;

/**
 * {@link Messages} in table {@code BOSUN_MESSAGE} of the engine's database (H2 file, PostgreSQL),
 * see {@link BosunSchema}. Only portable SQL: times are epoch milliseconds in BIGINT columns, the
 * body is TEXT (PostgreSQL's unbounded text; H2 reads it as a VARCHAR of up to 1,000,000
 * characters, far above the 60,000 a message may have).
 *
 * <p>Ids come from the counter {@code message} ({@link IdSequence}, as task ids do), taken in the
 * transaction that inserts the message: its row stays locked until the new message is inserted,
 * so ids grow in the order messages were stored.
 *
 * <p>A taken message carries the taking node and a lease end ({@code TAKEN_BY},
 * {@code LEASE_UNTIL}); see {@link Messages} for what that guards.
 */
final class JdbcMessages implements Messages {

    private static final String SEQUENCE = "message";
    private static final String COLUMNS = "ID, SENDER, RECIPIENT, DELIVERED_TO, BODY, STATUS, CREATED_AT, DELIVERED_AT";
    private static final String QUEUE_AGAIN =
            "STATUS = 'QUEUED', DELIVERED_TO = NULL, DELIVERED_AT = NULL, " + "TAKEN_BY = NULL, LEASE_UNTIL = NULL";
    private static final RowMapper<Message> ROW = JdbcMessages::message;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final IdSequence ids;

    JdbcMessages(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ids = new IdSequence(dataSource, SEQUENCE, 0);
    }

    @Override
    public Message add(String from, String to, String body, Instant createdAt) {
        return transaction.execute(status -> {
            long id = ids.next();
            jdbc.update(
                    "INSERT INTO BOSUN_MESSAGE (ID, SENDER, RECIPIENT, BODY, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                    id,
                    from,
                    to,
                    body,
                    MessageStatus.QUEUED.name(),
                    createdAt.toEpochMilli());
            return new Message(
                    id,
                    from,
                    to,
                    null,
                    body,
                    MessageStatus.QUEUED,
                    Instant.ofEpochMilli(createdAt.toEpochMilli()),
                    null);
        });
    }

    @Override
    public Optional<Message> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM BOSUN_MESSAGE WHERE ID = ?", ROW, id).stream()
                .findFirst();
    }

    @Override
    public List<Message> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM BOSUN_MESSAGE ORDER BY ID", ROW);
    }

    @Override
    public List<Message> inboxOf(String member, String role) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM BOSUN_MESSAGE WHERE RECIPIENT = ? OR DELIVERED_TO = ? "
                        + "OR (RECIPIENT = ? AND DELIVERED_TO IS NULL) ORDER BY ID",
                ROW,
                member,
                member,
                role);
    }

    @Override
    public List<Message> queued() {
        return jdbc.query("SELECT " + COLUMNS + " FROM BOSUN_MESSAGE WHERE STATUS = 'QUEUED' ORDER BY ID", ROW);
    }

    @Override
    public boolean take(long id, String member, String node, Instant now, Instant leaseUntil) {
        return jdbc.update(
                        "UPDATE BOSUN_MESSAGE SET STATUS = 'DELIVERING', DELIVERED_TO = ?, DELIVERED_AT = ?, "
                                + "TAKEN_BY = ?, LEASE_UNTIL = ? WHERE ID = ? AND STATUS = 'QUEUED'",
                        member,
                        now.toEpochMilli(),
                        node,
                        leaseUntil.toEpochMilli(),
                        id)
                == 1;
    }

    @Override
    public void renew(String node, String member, Instant leaseUntil) {
        jdbc.update(
                "UPDATE BOSUN_MESSAGE SET LEASE_UNTIL = ? WHERE STATUS = 'DELIVERING' AND TAKEN_BY = ? "
                        + "AND DELIVERED_TO = ?",
                leaseUntil.toEpochMilli(),
                node,
                member);
    }

    @Override
    public void delivered(List<Long> ids, String node) {
        for (long id : ids) {
            jdbc.update(
                    "UPDATE BOSUN_MESSAGE SET STATUS = 'DELIVERED', LEASE_UNTIL = NULL "
                            + "WHERE ID = ? AND STATUS = 'DELIVERING' AND TAKEN_BY = ?",
                    id,
                    node);
        }
    }

    @Override
    public void requeue(List<Long> ids, String node) {
        for (long id : ids) {
            jdbc.update(
                    "UPDATE BOSUN_MESSAGE SET " + QUEUE_AGAIN + " WHERE ID = ? AND STATUS = 'DELIVERING' "
                            + "AND TAKEN_BY = ?",
                    id,
                    node);
        }
    }

    @Override
    public int requeueExpired(Instant now) {
        return jdbc.update(
                "UPDATE BOSUN_MESSAGE SET " + QUEUE_AGAIN + " WHERE STATUS = 'DELIVERING' AND LEASE_UNTIL < ?",
                now.toEpochMilli());
    }

    @Override
    public boolean delivering(String member) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM BOSUN_MESSAGE WHERE STATUS = 'DELIVERING' " + "AND DELIVERED_TO = ?",
                Long.class,
                member);
        return count != null && count > 0;
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        long deliveredMillis = rs.getLong("DELIVERED_AT");
        Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(deliveredMillis);
        return new Message(
                rs.getLong("ID"),
                rs.getString("SENDER"),
                rs.getString("RECIPIENT"),
                rs.getString("DELIVERED_TO"),
                rs.getString("BODY"),
                MessageStatus.valueOf(rs.getString("STATUS")),
                Instant.ofEpochMilli(rs.getLong("CREATED_AT")),
                deliveredAt);
    }
}
