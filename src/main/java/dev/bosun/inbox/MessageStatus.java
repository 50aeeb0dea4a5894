package dev.bosun.inbox;

/**
 * Where a message is on its way to an agent. A message only moves QUEUED → DELIVERING →
 * DELIVERED, or back from DELIVERING to QUEUED when its turn did not happen (Bosun stopped, the
 * agent could not start, the node delivering it died): delivery is at least once.
 */
public enum MessageStatus {
    /** Stored, waiting for an idle recipient. */
    QUEUED,
    /** Taken by one member; the turn carrying it is starting or running. */
    DELIVERING,
    /** The turn that carried it as its prompt has ended (whatever its exit code). */
    DELIVERED
}
