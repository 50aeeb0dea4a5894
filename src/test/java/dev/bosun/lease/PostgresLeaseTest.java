package dev.bosun.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.MovableClock;
import dev.bosun.support.PostgresTestDatabase;

/**
 * A lease on PostgreSQL, the database several Bosun nodes share: two lock instances (two
 * nodes, each with its own connections) and four threads each never hold it at the same time.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresLeaseTest {

    @RegisterExtension
    final PostgresTestDatabase.PerTest database = PostgresTestDatabase.perTest();

    @BeforeEach
    void createBosunTables() {
        BosunSchema.migrate(database.dataSource());
    }

    @Test
    void twoNodesWithFourThreadsEachNeverHoldTheLockTogether() throws Exception {
        List<JdbcLease> nodes = List.of(
                new JdbcLease(database.dataSource(), "merge", Duration.ofSeconds(2), Clock.systemUTC()),
                new JdbcLease(database.dataSource(), "merge", Duration.ofSeconds(2), Clock.systemUTC()));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            JdbcLease node = nodes.get(t % 2);
            String holder = "node-" + (t % 2) + "/thread-" + t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    try (Lease.Held lease = node.acquire(holder + "/" + i, Duration.ofSeconds(60))
                            .orElseThrow()) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        acquisitions.incrementAndGet();
                        Thread.sleep(15); // not synchronisation: holding the lease a little makes an overlap visible
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
        MovableClock clock = new MovableClock(Instant.parse("2030-01-01T10:00:00Z"));
        JdbcLease crashed = new JdbcLease(database.dataSource(), "merge", Duration.ofMillis(600), clock);
        JdbcLease survivor = new JdbcLease(database.dataSource(), "merge", Duration.ofMillis(600), clock);
        // Take the row the way a node that then dies would: a lease nobody renews or releases.
        new org.springframework.jdbc.core.JdbcTemplate(database.dataSource())
                .update(
                        "UPDATE BOSUN_MERGE_LOCK SET HOLDER = ?, EXPIRES_AT = ? WHERE LOCK_NAME = ?",
                        "dead-node/eng-1/task-1",
                        clock.millis() + 600,
                        "merge");
        assertThat(crashed.holder()).contains("dead-node/eng-1/task-1");
        assertThat(survivor.acquire("live-node/eng-2/task-2", Duration.ZERO))
                .as("before it expired")
                .isEmpty();

        clock.advance(Duration.ofMillis(601));
        try (Lease.Held lease =
                survivor.acquire("live-node/eng-2/task-2", Duration.ZERO).orElseThrow()) {
            assertThat(survivor.holder()).contains(lease.holder());
        }
    }
}
