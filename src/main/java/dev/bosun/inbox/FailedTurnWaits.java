package dev.bosun.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A member whose message turn failed (its agent would not start...) waits before its next one,
 * so a broken agent is not started again every poll. On this node only; thread-safe.
 */
final class FailedTurnWaits {

    private final Duration wait;
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    /** @param wait how long after a failed turn the member's next turn may start */
    FailedTurnWaits(Duration wait) {
        this.wait = wait;
    }

    void failed(String member, Instant now) {
        notBefore.put(member, now.plus(wait));
    }

    boolean mayStart(String member, Instant now) {
        Instant earliest = notBefore.get(member);
        return earliest == null || !now.isBefore(earliest);
    }
}
