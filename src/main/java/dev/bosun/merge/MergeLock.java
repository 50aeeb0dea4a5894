package dev.bosun.merge;

import java.time.Duration;
import java.util.Optional;

/**
 * The one merge lock of a repository, shared by every thread and every Bosun node that uses the
 * same database. It is a lease: the holder must renew it, and a crashed holder's lease expires so
 * that merging never stops for good.
 *
 * <p>Contract: thread-safe; {@link #acquire} blocks up to {@code wait} and returns empty when
 * the lock stayed taken. A returned {@link Lease} renews itself in the background until closed.
 */
public interface MergeLock {

    Optional<Lease> acquire(String holder, Duration wait);

    /** The current holder, or empty when the lock is free (or its lease expired). */
    Optional<String> holder();

    /** A held lock; {@link #close()} releases it and is idempotent. */
    interface Lease extends AutoCloseable {
        String holder();

        /**
         * Whether this lease still holds the lock: false once a renewal found it taken over (after
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
