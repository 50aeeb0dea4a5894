package dev.bosun.lease;

import java.time.Duration;
import java.util.Optional;

/**
 * One named lease ({@link LeaseName}), shared by every thread and every Bosun node that uses the
 * same database: at most one holder at a time. The holder must renew it, and a crashed holder's
 * lease expires so that the work it guards never stops for good.
 *
 * <p>Contract: thread-safe; {@link #acquire} blocks up to {@code wait} and returns empty when
 * the lease stayed taken (or the thread was interrupted). A returned {@link Held} renews itself
 * in the background until closed.
 */
public interface Lease {

    Optional<Held> acquire(String holder, Duration wait);

    /** The current holder, or empty when the lease is free (or expired). */
    Optional<String> holder();

    /** A held lease; {@link #close()} releases it and is idempotent. */
    interface Held extends AutoCloseable {
        String holder();

        /**
         * Whether this lease is still held: false once a renewal found it taken over (after
         * it expired unrenewed), and from then on. Implementations that can check should do so
         * against the shared state right now; call it right before an irreversible step.
         */
        default boolean stillHeld() {
            return true;
        }

        @Override
        void close();
    }
}
