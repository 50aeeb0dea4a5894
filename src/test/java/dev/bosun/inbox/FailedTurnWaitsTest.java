package dev.bosun.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bosun.BosunProperties;

/**
 * Fails-N-then-succeeds for {@code bosun.retry.failed-turn-wait}: delivery rounds on a clock that
 * the test moves, a member whose turn fails three times, then succeeds.
 */
class FailedTurnWaitsTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration ROUND = Duration.ofSeconds(1);

    @Test
    void aMemberWhoseTurnFailedIsTriedAgainOnlyAfterTheWaitUntilATurnSucceeds() {
        Duration wait = BosunProperties.Retry.defaults().failedTurnWait();
        FailedTurnWaits waits = new FailedTurnWaits(wait);
        int failures = 3;
        List<Duration> attemptsAt = new ArrayList<>();
        boolean read = false;

        for (Instant now = START; !read && now.isBefore(START.plus(Duration.ofHours(1))); now = now.plus(ROUND)) {
            if (waits.mayStart("architect", now)) {
                attemptsAt.add(Duration.between(START, now));
                if (attemptsAt.size() <= failures) {
                    waits.failed("architect", now);
                } else {
                    read = true;
                }
            }
        }

        assertThat(read).isTrue();
        assertThat(attemptsAt).containsExactly(Duration.ZERO, wait, wait.multipliedBy(2), wait.multipliedBy(3));
    }

    @Test
    void anotherMembersFailureDoesNotHoldThisOneBack() {
        FailedTurnWaits waits = new FailedTurnWaits(Duration.ofSeconds(30));

        waits.failed("architect", START);

        assertThat(waits.mayStart("manager", START)).isTrue();
        assertThat(waits.mayStart("architect", START.plusSeconds(29))).isFalse();
        assertThat(waits.mayStart("architect", START.plusSeconds(30))).isTrue();
    }
}
