package dev.bosun.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.bosun.support.Await;
import dev.bosun.support.MovableClock;

/** Expiry is driven by a {@link MovableClock}: a lease expires when the test moves time, never by sleeping. */
class JdbcLeaseTest {

    JdbcDataSource dataSource;
    MovableClock clock = new MovableClock(Instant.parse("2030-01-01T10:00:00Z"));

    @BeforeEach
    void setUp() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:lock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        BosunSchema.migrate(dataSource);
    }

    JdbcLease lock(Duration lease) {
        return new JdbcLease(dataSource, "merge", lease, clock);
    }

    @Test
    void isExclusiveAcrossThreads() throws Exception {
        JdbcLease lock = lock(Duration.ofSeconds(1));
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    try (Lease.Held lease = lock.acquire("node/eng-" + thread + "/task-" + i, Duration.ofSeconds(60))
                            .orElseThrow()) {
                        maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        acquisitions.incrementAndGet();
                        Thread.sleep(10); // not synchronisation: holding the lease a little makes an overlap visible
                        holders.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(acquisitions).hasValue(40);
        assertThat(maxHolders).hasValue(1);
        assertThat(lock.holder()).isEmpty();
    }

    @Test
    void excludesASecondNodeOnTheSameDatabase() {
        JdbcLease nodeA = lock(Duration.ofSeconds(1));
        JdbcLease nodeB = lock(Duration.ofSeconds(1));

        Lease.Held lease =
                nodeA.acquire("node-a/eng-1/task-1", Duration.ofSeconds(1)).orElseThrow();
        assertThat(nodeB.acquire("node-b/eng-1/task-2", Duration.ofMillis(300))).isEmpty();
        assertThat(nodeB.holder()).contains("node-a/eng-1/task-1");

        lease.close();
        assertThat(nodeB.acquire("node-b/eng-1/task-2", Duration.ofMillis(300))).isPresent();
    }

    @Test
    void aHeldLeaseIsRenewedBeyondItsLength() {
        JdbcLease lock = lock(Duration.ofMillis(600));
        try (Lease.Held lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            letTimePassWhileRenewed(Duration.ofMillis(1800), Duration.ofMillis(600));
            assertThat(lock.acquire("b", Duration.ofMillis(300))).isEmpty();
            assertThat(lock.holder()).contains("a");
        }
        assertThat(lock.acquire("b", Duration.ZERO)).isPresent();
    }

    @Test
    void aCrashedHoldersLeaseExpiresAndCanBeTaken() {
        JdbcLease lock = lock(Duration.ofSeconds(1));
        // A node that died while holding the lock: its row says held, nobody renews it.
        new JdbcTemplate(dataSource)
                .update(
                        "UPDATE BOSUN_MERGE_LOCK SET HOLDER = ?, EXPIRES_AT = ?",
                        "crashed-node/eng-1/task-1",
                        clock.millis() + 800);
        assertThat(lock.holder()).contains("crashed-node/eng-1/task-1");
        assertThat(lock.acquire("node-b/eng-2/task-2", Duration.ofMillis(300)))
                .as("before it expired")
                .isEmpty();

        clock.advance(Duration.ofMillis(801));
        assertThat(lock.holder()).as("expired").isEmpty();
        Optional<Lease.Held> lease = lock.acquire("node-b/eng-2/task-2", Duration.ZERO);

        assertThat(lease).isPresent();
        assertThat(lock.holder()).contains("node-b/eng-2/task-2");
        lease.get().close();
    }

    @Test
    void acquireTimesOutWithEmpty() {
        JdbcLease lock = lock(Duration.ofSeconds(1));
        try (Lease.Held lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            long start = System.nanoTime();
            assertThat(lock.acquire("b", Duration.ofMillis(400))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void closeIsIdempotentAndNeverReleasesSomeoneElsesLock() {
        JdbcLease lock = lock(Duration.ofSeconds(1));
        Lease.Held first = lock.acquire("a", Duration.ZERO).orElseThrow();
        first.close();
        first.close();
        Lease.Held second = lock.acquire("b", Duration.ZERO).orElseThrow();

        first.close();

        assertThat(lock.holder()).contains("b");
        second.close();
        assertThat(lock.holder()).isEmpty();
    }

    @Test
    void aSecondInstanceReusesTheTableAndRow() {
        lock(Duration.ofSeconds(1));
        lock(Duration.ofSeconds(1));
        Integer rows =
                new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM BOSUN_MERGE_LOCK", Integer.class);
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aRenewedLeaseIsStillHeldBeyondItsLength() {
        JdbcLease lock = lock(Duration.ofMillis(300));
        try (Lease.Held lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            letTimePassWhileRenewed(Duration.ofMillis(900), Duration.ofMillis(300));
            assertThat(lock.acquire("b", Duration.ZERO))
                    .as("taken by another holder")
                    .isEmpty();
            assertThat(lease.stillHeld()).isTrue();
        }
    }

    @Test
    void aLeaseTakenOverIsNoLongerHeldAndTheLossIsRemembered() {
        JdbcLease lock = lock(Duration.ofMillis(300));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String holder = "a-" + UUID.randomUUID();
        try (Lease.Held lease = lock.acquire(holder, Duration.ZERO).orElseThrow()) {
            // Another node took the lock after this one's lease ran out (a stalled renewer).
            jdbc.update("UPDATE BOSUN_MERGE_LOCK SET HOLDER = 'b', EXPIRES_AT = ?", clock.millis() + 60_000);
            // The renewer runs every 100 ms; finding the row taken, it gives up (its thread ends).
            Await.until(
                    "the renewer to find the lease taken over",
                    Duration.ofSeconds(10),
                    () -> renewerRunning(holder),
                    running -> !running);
            // Even if the row said the holder again, a lease once lost is not held any more.
            jdbc.update("UPDATE BOSUN_MERGE_LOCK SET HOLDER = ?", holder);

            assertThat(lease.stillHeld()).isFalse();
        }
        assertThat(lock.holder()).as("close does not release what it lost").contains(holder);
    }

    @Test
    void aTakeOverIsNoticedRightAwayNotOnlyAtTheNextRenewal() {
        JdbcLease lock = lock(Duration.ofSeconds(30));
        try (Lease.Held lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            new JdbcTemplate(dataSource).update("UPDATE BOSUN_MERGE_LOCK SET HOLDER = 'b'");

            assertThat(lease.stillHeld()).isFalse();
        }
        assertThat(lock.holder()).contains("b");
    }

    /**
     * Moves time on by a third of the lease at a time, and after each step waits until the renewer
     * (which runs every third of the lease, in real time) has pushed the expiry on from there.
     */
    private void letTimePassWhileRenewed(Duration total, Duration lease) {
        Duration step = lease.dividedBy(3);
        for (Duration passed = Duration.ZERO; passed.compareTo(total) < 0; passed = passed.plus(step)) {
            clock.advance(step);
            long renewedUntil = clock.millis() + lease.toMillis();
            Await.until(
                    "a renewal after moving time to " + clock.instant(),
                    Duration.ofSeconds(10),
                    this::expiresAt,
                    expiry -> expiry == renewedUntil);
        }
    }

    private long expiresAt() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT EXPIRES_AT FROM BOSUN_MERGE_LOCK", Long.class);
    }

    private static boolean renewerRunning(String holder) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("bosun-lease-merge-" + holder) && thread.isAlive());
    }
}
