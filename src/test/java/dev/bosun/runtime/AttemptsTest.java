package dev.bosun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.bosun.BosunProperties;

/** Fails-N-then-succeeds: the number of attempts, the waits between them, and the outcome. */
class AttemptsTest {

    final List<Duration> waits = new ArrayList<>();
    final Attempts.Sleeper recording = waits::add;

    /** The report of a finished external task: same wait before each retry. */
    @Test
    void aFixedPolicyRetriesThePassingFailureUntilTheActionSucceeds() {
        BosunProperties.Retry retry = BosunProperties.Retry.defaults();
        FailsThenSucceeds action = new FailsThenSucceeds(retry.reportAttempts() - 1);

        Attempts.fixed(retry.reportAttempts(), retry.reportWait(), recording)
                .retrying(IllegalStateException.class, action);

        assertThat(action.attempts).hasValue(10);
        assertThat(waits).hasSize(9).containsOnly(Duration.ofMillis(100));
    }

    @Test
    void theLastAttemptsFailureIsThrownWhenAttemptsRunOut() {
        FailsThenSucceeds action = new FailsThenSucceeds(3);

        assertThatThrownBy(() -> Attempts.fixed(3, Duration.ofMillis(1), recording)
                        .retrying(IllegalStateException.class, action))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("failure 3");
        assertThat(action.attempts).hasValue(3);
    }

    @Test
    void anotherFailureIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Attempts.fixed(3, Duration.ofMillis(1), recording)
                        .retrying(IllegalStateException.class, () -> {
                            attempts.incrementAndGet();
                            throw new IllegalArgumentException("not passing");
                        }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
    }

    /** A contended git command: each wait longer than the one before. */
    @Test
    void aGrowingPolicyWaitsOneStepLongerEachTimeAndReturnsTheFirstGoodResult() {
        BosunProperties.Retry retry = BosunProperties.Retry.defaults();
        AtomicInteger attempts = new AtomicInteger();

        String result = Attempts.growing(retry.gitAttempts(), retry.gitWait(), recording)
                .until(() -> attempts.incrementAndGet() <= 4 ? "locked" : "done", "locked"::equals);

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(5);
        assertThat(waits)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(400));
    }

    @Test
    void untilReturnsTheLastResultWhenAttemptsRunOut() {
        AtomicInteger attempts = new AtomicInteger();

        String result = Attempts.growing(6, Duration.ofMillis(1), recording)
                .until(() -> "locked " + attempts.incrementAndGet(), text -> text.startsWith("locked"));

        assertThat(result).isEqualTo("locked 6");
        assertThat(waits).hasSize(5);
    }

    @Test
    void anInterruptedWaitEndsTheAttemptsAndKeepsTheInterrupt() {
        AtomicInteger attempts = new AtomicInteger();
        Attempts.Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };
        try {
            String result = Attempts.growing(6, Duration.ofMillis(1), interrupted)
                    .until(() -> "locked " + attempts.incrementAndGet(), text -> text.startsWith("locked"));

            assertThat(result).isEqualTo("locked 1");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** Throws {@link IllegalStateException} for its first {@code failures} runs, then succeeds. */
    private static final class FailsThenSucceeds implements Runnable {
        final AtomicInteger attempts = new AtomicInteger();
        private final int failures;

        FailsThenSucceeds(int failures) {
            this.failures = failures;
        }

        @Override
        public void run() {
            int attempt = attempts.incrementAndGet();
            if (attempt <= failures) {
                throw new IllegalStateException("failure " + attempt);
            }
        }
    }
}
