package dev.bosun.inbox;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One message, as stored.
 *
 * @param id          unique across nodes, increasing in the order messages were sent
 * @param from        a member name or {@code human}
 * @param to          as addressed: a member name or a role name
 * @param deliveredTo the member that took it, or null while it is queued
 * @param deliveredAt when that member's turn with it started, or null while it is queued
 */
public record Message(
        long id,
        String from,
        String to,
        @Nullable String deliveredTo,
        String body,
        MessageStatus status,
        Instant createdAt,
        @Nullable Instant deliveredAt) {

    public Message {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
