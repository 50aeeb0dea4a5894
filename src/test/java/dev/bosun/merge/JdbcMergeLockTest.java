package dev.bosun.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

class JdbcMergeLockTest {

    JdbcDataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:lock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    JdbcMergeLock lock(Duration lease) {
        return new JdbcMergeLock(dataSource, "merge", lease);
    }

    @Test
    void isExclusiveAcrossThreads() throws Exception {
        JdbcMergeLock lock = lock(Duration.ofSeconds(1));
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    try (MergeLock.Lease lease = lock.acquire("node/eng-" + thread + "/task-" + i, Duration.ofSeconds(60))
                            .orElseThrow()) {
                        maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        acquisitions.incrementAndGet();
                        Thread.sleep(10);
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
        JdbcMergeLock nodeA = lock(Duration.ofSeconds(1));
        JdbcMergeLock nodeB = lock(Duration.ofSeconds(1));

        MergeLock.Lease lease = nodeA.acquire("node-a/eng-1/task-1", Duration.ofSeconds(1)).orElseThrow();
        assertThat(nodeB.acquire("node-b/eng-1/task-2", Duration.ofMillis(300))).isEmpty();
        assertThat(nodeB.holder()).contains("node-a/eng-1/task-1");

        lease.close();
        assertThat(nodeB.acquire("node-b/eng-1/task-2", Duration.ofMillis(300))).isPresent();
    }

    @Test
    void aHeldLeaseIsRenewedBeyondItsLength() throws InterruptedException {
        JdbcMergeLock lock = lock(Duration.ofMillis(600));
        try (MergeLock.Lease lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            assertThat(lock.acquire("b", Duration.ofSeconds(2))).isEmpty();
            assertThat(lock.holder()).contains("a");
        }
        assertThat(lock.acquire("b", Duration.ZERO)).isPresent();
    }

    @Test
    void aCrashedHoldersLeaseExpiresAndCanBeTaken() {
        JdbcMergeLock lock = lock(Duration.ofSeconds(1));
        // A node that died while holding the lock: its row says held, nobody renews it.
        new JdbcTemplate(dataSource).update("UPDATE BOSUN_MERGE_LOCK SET HOLDER = ?, EXPIRES_AT = ?",
                "crashed-node/eng-1/task-1", System.currentTimeMillis() + 800);
        assertThat(lock.holder()).contains("crashed-node/eng-1/task-1");

        long start = System.nanoTime();
        Optional<MergeLock.Lease> lease = lock.acquire("node-b/eng-2/task-2", Duration.ofSeconds(5));

        assertThat(lease).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
        assertThat(lock.holder()).contains("node-b/eng-2/task-2");
        lease.get().close();
    }

    @Test
    void acquireTimesOutWithEmpty() {
        JdbcMergeLock lock = lock(Duration.ofSeconds(1));
        try (MergeLock.Lease lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            long start = System.nanoTime();
            assertThat(lock.acquire("b", Duration.ofMillis(400))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void closeIsIdempotentAndNeverReleasesSomeoneElsesLock() {
        JdbcMergeLock lock = lock(Duration.ofSeconds(1));
        MergeLock.Lease first = lock.acquire("a", Duration.ZERO).orElseThrow();
        first.close();
        first.close();
        MergeLock.Lease second = lock.acquire("b", Duration.ZERO).orElseThrow();

        first.close();

        assertThat(lock.holder()).contains("b");
        second.close();
        assertThat(lock.holder()).isEmpty();
    }

    @Test
    void aSecondInstanceReusesTheTableAndRow() {
        lock(Duration.ofSeconds(1));
        lock(Duration.ofSeconds(1));
        Integer rows = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM BOSUN_MERGE_LOCK", Integer.class);
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aRenewedLeaseIsStillHeldBeyondItsLength() throws InterruptedException {
        JdbcMergeLock lock = lock(Duration.ofMillis(300));
        try (MergeLock.Lease lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            Thread.sleep(900);
            assertThat(lease.stillHeld()).isTrue();
        }
    }

    @Test
    void aLeaseTakenOverIsNoLongerHeldAndTheLossIsRemembered() throws InterruptedException {
        JdbcMergeLock lock = lock(Duration.ofMillis(300));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (MergeLock.Lease lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            // Another node took the lock after this one's lease ran out (a stalled renewer).
            jdbc.update("UPDATE BOSUN_MERGE_LOCK SET HOLDER = 'b', EXPIRES_AT = ?", System.currentTimeMillis() + 60_000);
            Thread.sleep(500); // the renewer runs every 100 ms and finds the row taken
            // Even if the row said "a" again, a lease once lost is not held any more.
            jdbc.update("UPDATE BOSUN_MERGE_LOCK SET HOLDER = 'a'");

            assertThat(lease.stillHeld()).isFalse();
        }
        assertThat(lock.holder()).as("close does not release what it lost").contains("a");
    }

    @Test
    void aTakeOverIsNoticedRightAwayNotOnlyAtTheNextRenewal() {
        JdbcMergeLock lock = lock(Duration.ofSeconds(30));
        try (MergeLock.Lease lease = lock.acquire("a", Duration.ZERO).orElseThrow()) {
            new JdbcTemplate(dataSource).update("UPDATE BOSUN_MERGE_LOCK SET HOLDER = 'b'");

            assertThat(lease.stillHeld()).isFalse();
        }
        assertThat(lock.holder()).contains("b");
    }
}
