package dev.bosun.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable way into {@code .bosun/events.jsonl} (table {@code BOSUN_EVENT_OUTBOX},
 * db/bosun/V5__event_outbox.sql): {@link #add} inserts an event in the caller's transaction (a
 * plain {@link JdbcTemplate} on the engine's DataSource joins the engine's Spring-managed
 * transaction), so a step that commits has its row and a step that rolls back has none;
 * {@link #relay} appends the rows of this node's event log to the file and deletes them.
 *
 * <p>Exactly once: a row is read, its line appended and the row deleted in one transaction that
 * holds the row's lock, so a second process on the same file (nodes sharing a repository folder)
 * waits and then finds it gone. A crash after the append and before that transaction commits
 * leaves the row and the line; every round first reads the outbox ids at the end of the file
 * ({@link EventLog#recentSeqs}) and only deletes a row whose line is there.
 *
 * <p>Order: rows of one round are written in id order; a row becomes visible when its step
 * commits, and every commit runs a round, so lines follow the order of commit as this node sees
 * it. Thread-safe: rounds of this instance take turns.
 */
public final class EventOutbox {

    private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

    /** Rows per round: the ones written and not yet deleted at a crash are far fewer than the tail read. */
    static final int ROUND = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final EventLog events;
    private final String eventLog;
    private final Clock clock;
    private final @Nullable RelayPause pause;
    private final ReentrantLock rounds = new ReentrantLock();

    /**
     * @param eventLog the id of {@code events}' file in the rows ({@link EventLogId})
     * @param pause where a crash test stops the relay, or null
     */
    EventOutbox(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            EventLog events,
            String eventLog,
            Clock clock,
            @Nullable RelayPause pause) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(transactions);
        // after a commit the finished transaction's connection may still be bound to the thread
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = Objects.requireNonNull(events, "events");
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Records {@code event} for the file in the caller's transaction (at once without one). A
     * failed insert throws, so the step it records fails with it; an event that cannot be written
     * as JSON is left out with a warning, as {@link EventLog#append} leaves it out.
     */
    public void add(BosunEvent event) {
        String line = events.line(event);
        if (line == null) {
            return;
        }
        jdbc.update(
                "INSERT INTO BOSUN_EVENT_OUTBOX (EVENT_LOG, EVENT, LINE, CREATED_AT) VALUES (?, ?, ?, ?)",
                eventLog,
                event.event(),
                line,
                clock.millis());
    }

    /**
     * Appends what waits for this node's file, in rounds until none is left, each in a
     * transaction of its own. Never throws: a failure is logged and what is left waits for the
     * next round (the next commit, or the next start).
     */
    public void relay() {
        rounds.lock();
        try {
            while (Boolean.TRUE.equals(ownTransaction.execute(status -> round()))) {
                // a full round: there may be more
            }
        } catch (RuntimeException e) {
            log.warn("event log {}: events wait in the outbox for the next round: {}", events.file(), e.toString());
        } finally {
            rounds.unlock();
        }
    }

    /** @return whether the round was full and all of it written (then there may be more) */
    private boolean round() {
        record Row(long id, String event, String line) {}
        List<Row> rows = jdbc.query(
                "SELECT ID, EVENT, LINE FROM BOSUN_EVENT_OUTBOX WHERE EVENT_LOG = ? ORDER BY ID" + " FETCH FIRST "
                        + ROUND + " ROWS ONLY FOR UPDATE",
                (rs, n) -> new Row(rs.getLong("ID"), rs.getString("EVENT"), rs.getString("LINE")),
                eventLog);
        if (rows.isEmpty()) {
            return false;
        }
        Set<Long> written = events.recentSeqs();
        List<Object[]> done = new ArrayList<>();
        boolean all = true;
        for (Row row : rows) {
            if (!written.contains(row.id())) {
                pauseAt(RelayPause.Point.BEFORE_APPEND, row.event());
                if (!events.appendLine(row.line(), row.id())) {
                    all = false; // the file cannot be written: keep the order, try again next round
                    break;
                }
                pauseAt(RelayPause.Point.AFTER_APPEND, row.event());
            }
            done.add(new Object[] {row.id()});
        }
        jdbc.batchUpdate("DELETE FROM BOSUN_EVENT_OUTBOX WHERE ID = ?", done);
        return all && rows.size() == ROUND;
    }

    private void pauseAt(RelayPause.Point point, String event) {
        if (pause != null) {
            pause.at(point, event);
        }
    }
}
