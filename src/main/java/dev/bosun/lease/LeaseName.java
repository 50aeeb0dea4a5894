package dev.bosun.lease;

import java.time.Duration;

/**
 * Bosun's leases, the one place that names them: each is one row of {@code BOSUN_MERGE_LOCK}
 * (the table keeps the name it had when merging was its only lease), so every node that uses
 * the same database excludes the others by using the same name.
 */
public enum LeaseName {

    /** One merge into trunk at a time. */
    MERGE("merge", Duration.ofSeconds(30)),

    /**
     * Deciding that a member is idle and giving it work, a task or messages, is one critical
     * section: two nodes never both find an engineer idle, and an assignment never races a claim.
     * Claiming is short, so a short lease: a crashed node blocks claims for at most this long.
     */
    CLAIM("claim", Duration.ofSeconds(10));

    private final String row;
    private final Duration length;

    LeaseName(String row, Duration length) {
        this.row = row;
        this.length = length;
    }

    /** The lease's row ({@code LOCK_NAME}); existing databases already hold these. */
    public String row() {
        return row;
    }

    /** How long a holder keeps the lease without renewing it. */
    public Duration length() {
        return length;
    }
}
