package dev.bosun.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link Lease} in one row of table {@code BOSUN_MERGE_LOCK} (see {@link BosunSchema}), so every
 * node using the same database (H2 file, PostgreSQL) shares it. Only portable SQL; each statement
 * runs in its own auto-commit transaction, so no connection is held while waiting.
 *
 * <p>Taking the lease is one conditional {@code UPDATE} (free or expired → mine), which the
 * database serializes. A held lease is renewed by a platform thread every third of its length;
 * a node that dies stops renewing and its lease runs out. A lease that a renewal finds taken
 * over stays lost ({@link Held#stillHeld()} is false from then on). Expiry compares the nodes'
 * clocks (the injected {@link Clock}, not the database's): they must agree to well within a lease
 * length (NTP). How long {@link #acquire} waits is measured on this machine's monotonic timer.
 */
public final class JdbcLease implements Lease {

    private static final long POLL_MILLIS = 150;
    private static final Logger log = LoggerFactory.getLogger(JdbcLease.class);

    private final JdbcTemplate jdbc;
    private final String name;
    private final Duration lease;
    private final Clock clock;

    public JdbcLease(DataSource dataSource, LeaseName name, Clock clock) {
        this(dataSource, name.row(), name.length(), clock);
    }

    /**
     * Adds the lease's row when it is missing, so the schema must exist ({@link BosunSchema}).
     *
     * @param name  the lease's row (one per repository)
     * @param lease how long a holder keeps the lease without renewing it
     * @param clock the time written to and compared with the row's expiry
     */
    public JdbcLease(DataSource dataSource, String name, Duration lease, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.name = name;
        this.lease = lease;
        this.clock = clock;
        createRow();
    }

    @Override
    public Optional<Held> acquire(String holder, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long now = clock.millis();
            int taken = jdbc.update(
                    "UPDATE BOSUN_MERGE_LOCK SET HOLDER = ?, EXPIRES_AT = ? "
                            + "WHERE LOCK_NAME = ? AND (HOLDER IS NULL OR EXPIRES_AT < ?)",
                    holder,
                    now + lease.toMillis(),
                    name,
                    now);
            if (taken == 1) {
                return Optional.of(new RenewedLease(holder));
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    @Override
    public Optional<String> holder() {
        List<String> holders = jdbc.query(
                "SELECT HOLDER FROM BOSUN_MERGE_LOCK WHERE LOCK_NAME = ? AND HOLDER IS NOT NULL AND EXPIRES_AT >= ?",
                (rs, row) -> rs.getString(1),
                name,
                clock.millis());
        return holders.stream().findFirst();
    }

    private void createRow() {
        Integer rows =
                jdbc.queryForObject("SELECT COUNT(*) FROM BOSUN_MERGE_LOCK WHERE LOCK_NAME = ?", Integer.class, name);
        if (rows == null || rows == 0) {
            try {
                jdbc.update("INSERT INTO BOSUN_MERGE_LOCK (LOCK_NAME, HOLDER, EXPIRES_AT) VALUES (?, NULL, 0)", name);
            } catch (DataIntegrityViolationException e) {
                // another node inserted it between our SELECT and INSERT: the row exists, as wanted
            }
        }
    }

    /** A held lease whose expiry a background thread pushes forward until {@link #close()}. */
    private final class RenewedLease implements Held {
        private final String holder;
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Set once a renewal found the row taken over; a lost lease never comes back. */
        private volatile boolean lost;

        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread renewer;

        RenewedLease(String holder) {
            this.holder = holder;
            this.renewer = new Thread(this::renewUntilClosed, "bosun-lease-" + name + "-" + holder);
            renewer.setDaemon(true);
            renewer.start();
        }

        @Override
        public String holder() {
            return holder;
        }

        private void renewUntilClosed() {
            long period = Math.max(1, lease.toMillis() / 3);
            try {
                // A latch, not interrupt(): interrupting JDBC I/O closes H2's file channel (the rule of
                // runtime.InterruptibleWork).
                while (!stop.await(period, TimeUnit.MILLISECONDS)) {
                    try {
                        if (!renew()) {
                            return;
                        }
                    } catch (DataAccessException e) {
                        log.warn("cannot renew {} lease of {}; retrying", name, holder, e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Renews once, now, so the answer is the database's and not the last renewal's; a lease
         * that expired but was not taken yet is still this holder's, as for the renewer.
         */
        @Override
        public boolean stillHeld() {
            return !lost && !closed.get() && renew();
        }

        /** @return false (and remembered) when the row has another holder: the lease was lost */
        private boolean renew() {
            int renewed = jdbc.update(
                    "UPDATE BOSUN_MERGE_LOCK SET EXPIRES_AT = ? WHERE LOCK_NAME = ? AND HOLDER = ?",
                    clock.millis() + lease.toMillis(),
                    name,
                    holder);
            if (renewed == 0 && !lost) {
                lost = true;
                log.warn("{} lease of {} was lost (expired and taken over)", name, holder);
            }
            return renewed == 1 && !lost;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            stop.countDown();
            try {
                renewer.join(lease.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (lost) {
                return; // whatever the row says now, it is not this lease's to release
            }
            // Only if still mine: after an expiry someone else may hold it now.
            jdbc.update(
                    "UPDATE BOSUN_MERGE_LOCK SET HOLDER = NULL, EXPIRES_AT = 0 WHERE LOCK_NAME = ? AND HOLDER = ?",
                    name,
                    holder);
        }
    }
}
