package dev.bosun.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.bosun.support.PostgresTestDatabase;

/**
 * The merge lock on PostgreSQL, the database several Bosun nodes share: two lock instances (two
 * nodes, each with its own connections) and four threads each never hold it at the same time.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresMergeLockTest {

    private PostgresTestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void twoNodesWithFourThreadsEachNeverHoldTheLockTogether() throws Exception {
        List<JdbcMergeLock> nodes = List.of(new JdbcMergeLock(database.dataSource(), "merge", Duration.ofSeconds(2)),
                new JdbcMergeLock(database.dataSource(), "merge", Duration.ofSeconds(2)));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            JdbcMergeLock node = nodes.get(t % 2);
            String holder = "node-" + (t % 2) + "/thread-" + t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    try (MergeLock.Lease lease = node.acquire(holder + "/" + i, Duration.ofSeconds(60)).orElseThrow()) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        acquisitions.incrementAndGet();
                        Thread.sleep(15);
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(acquisitions).hasValue(32);
        assertThat(maxInside).hasValue(1);
        assertThat(nodes.get(0).holder()).isEmpty();
    }

    @Test
    void aCrashedNodesLeaseExpiresForTheOtherNode() throws Exception {
        JdbcMergeLock crashed = new JdbcMergeLock(database.dataSource(), "merge", Duration.ofMillis(600));
        JdbcMergeLock survivor = new JdbcMergeLock(database.dataSource(), "merge", Duration.ofMillis(600));
        // Take the row the way a node that then dies would: a lease nobody renews or releases.
        new org.springframework.jdbc.core.JdbcTemplate(database.dataSource()).update(
                "UPDATE BOSUN_MERGE_LOCK SET HOLDER = ?, EXPIRES_AT = ? WHERE LOCK_NAME = ?",
                "dead-node/eng-1/task-1", System.currentTimeMillis() + 600, "merge");
        assertThat(crashed.holder()).contains("dead-node/eng-1/task-1");

        try (MergeLock.Lease lease = survivor.acquire("live-node/eng-2/task-2", Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(survivor.holder()).contains(lease.holder());
        }
    }
}
