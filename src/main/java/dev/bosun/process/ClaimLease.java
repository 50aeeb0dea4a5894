package dev.bosun.process;

import java.time.Duration;

import javax.sql.DataSource;

import dev.bosun.merge.JdbcMergeLock;
import dev.bosun.merge.MergeLock;

/**
 * The lease under which tasks are claimed and assigned: the merge lock's mechanism on a row of
 * its own, so two nodes never both find an engineer idle, and an assignment never races a claim.
 */
final class ClaimLease {

    /** Claiming is short, so a short lease: a crashed node blocks claims for at most this long. */
    static final Duration LEASE = Duration.ofSeconds(10);
    /** How long {@code bosun assign} waits for a claim round in progress. */
    static final Duration ASSIGN_WAIT = Duration.ofSeconds(15);

    private ClaimLease() {
    }

    static MergeLock on(DataSource dataSource) {
        return new JdbcMergeLock(dataSource, "claim", LEASE);
    }
}
