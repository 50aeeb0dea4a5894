package dev.bosun.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored messages, shared by every node on the same database.
 *
 * <p>Contract: thread-safe; every method is one short statement (or transaction) and holds no
 * connection afterwards. A message is taken by at most one member at a time: {@link #take} is a
 * conditional update that only one caller, on any node, wins. Methods that change a taken
 * message name the node that took it ({@code node}) and do nothing once the message is no
 * longer that node's (its lease ran out and it was queued again or taken elsewhere).
 */
public interface Messages {

    /** Stores a new QUEUED message with the next id; never null. */
    Message add(String from, String to, String body, Instant createdAt);

    Optional<Message> find(long id);

    /** Every message, oldest first. */
    List<Message> all();

    /**
     * A member's inbox, oldest first: messages addressed to it or delivered to it, and those
     * addressed to its role that nobody has taken yet.
     */
    List<Message> inboxOf(String member, String role);

    /** The QUEUED messages, oldest first. */
    List<Message> queued();

    /**
     * Marks one QUEUED message DELIVERING to {@code member} under a lease of {@code node}.
     *
     * @return false when it was not QUEUED any more (another member or node took it first)
     */
    boolean take(long id, String member, String node, Instant now, Instant leaseUntil);

    /** Extends the lease of the messages {@code node} is delivering to {@code member}. */
    void renew(String node, String member, Instant leaseUntil);

    /** DELIVERING → DELIVERED for those of {@code ids} still under {@code node}'s lease. */
    void delivered(List<Long> ids, String node);

    /** DELIVERING → QUEUED for those of {@code ids} still under {@code node}'s lease: their turn did not happen. */
    void requeue(List<Long> ids, String node);

    /**
     * DELIVERING → QUEUED for every message whose lease ended before {@code now}: the node
     * delivering it stopped without saying how the turn ended.
     *
     * @return how many were queued again
     */
    int requeueExpired(Instant now);

    /** Whether a turn with messages for {@code member} is starting or running, on any node. */
    boolean delivering(String member);
}
