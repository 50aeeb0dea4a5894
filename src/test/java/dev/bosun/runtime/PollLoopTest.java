package dev.bosun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.bosun.BosunProperties;
import dev.bosun.support.Await;
import dev.bosun.support.TestTimeouts;

/**
 * Fails-N-then-succeeds for the poll loops (claiming, fetching, delivery): the scheduler stand-in
 * records each wait the loop asks for and runs the next round at once, so no test waits on the
 * wall clock.
 */
class PollLoopTest {

    static final Duration POLL = Duration.ofMillis(300);

    @Test
    void aFailedRoundWaitsTheBackoffAndTheLoopGoesOnUntilARoundSucceeds() throws Exception {
        BosunProperties.Retry retry = BosunProperties.Retry.defaults();
        for (int backoffPolls :
                List.of(retry.claimBackoffPolls(), retry.fetchBackoffPolls(), retry.deliveryBackoffPolls())) {
            Duration backoff = POLL.multipliedBy(backoffPolls);
            RecordingScheduler scheduler = new RecordingScheduler();
            AtomicInteger rounds = new AtomicInteger();
            CountDownLatch succeeded = new CountDownLatch(1);
            PollLoop loop = new PollLoop(
                    "polling",
                    POLL,
                    backoff,
                    () -> {
                        if (rounds.incrementAndGet() <= 3) {
                            throw new IllegalStateException("database down");
                        }
                        succeeded.countDown();
                    },
                    scheduler);

            loop.start();
            assertThat(succeeded.await(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS))
                    .isTrue();
            loop.stop();

            assertThat(rounds.get()).as("the fourth round succeeded").isGreaterThanOrEqualTo(4);
            assertThat(scheduler.waits.subList(0, 5)).containsExactly(Duration.ZERO, backoff, backoff, backoff, POLL);
        }
    }

    @Test
    void stopStartsNoMoreRoundsAndNeverInterruptsTheRoundUnderWay() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        PollLoop loop = new PollLoop(
                "polling",
                Duration.ZERO,
                Duration.ZERO,
                () -> {
                    rounds.incrementAndGet();
                    inRound.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                    }
                },
                new RecordingScheduler());
        loop.start();
        assertThat(inRound.await(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS))
                .isTrue();

        Thread stopper = new Thread(loop::stop);
        stopper.start();
        Await.until(
                "stop() waiting for the round",
                Duration.ofSeconds(30),
                stopper::getState,
                state -> state == Thread.State.TIMED_WAITING);
        release.countDown();
        stopper.join(TestTimeouts.scaledMillis(30));

        assertThat(stopper.isAlive()).isFalse();
        assertThat(interrupted).hasValue(0);
        assertThat(rounds).hasValue(1);
    }

    @Test
    void aWakeUpRunsTheNextRoundAtOnceInsteadOfAfterTheInterval() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        PollLoop loop = new PollLoop(
                "bosun-test-wake", "polling", Duration.ofHours(1), Duration.ofHours(1), rounds::incrementAndGet);
        loop.start();
        try {
            Await.until("the first round", Duration.ofSeconds(30), rounds::get, n -> n == 1);

            loop.wake();
            Await.until(
                    "a round after the wake-up, long before the hour",
                    Duration.ofSeconds(30),
                    rounds::get,
                    n -> n == 2);
            loop.wake();
            Await.until("a round after the second wake-up", Duration.ofSeconds(30), rounds::get, n -> n == 3);
        } finally {
            loop.stop();
        }
    }

    @Test
    void aWakeUpDuringARoundRunsOneMoreRoundRightAfterIt() throws Exception {
        CountDownLatch inSecondRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        PollLoop loop = new PollLoop("bosun-test-wake", "polling", Duration.ofHours(1), Duration.ofHours(1), () -> {
            if (rounds.incrementAndGet() == 2) {
                inSecondRound.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        loop.start();
        try {
            Await.until("the first round", Duration.ofSeconds(30), rounds::get, n -> n == 1);
            loop.wake();
            assertThat(inSecondRound.await(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS))
                    .isTrue();

            // this round may have read the database before the new work was committed
            loop.wake();
            release.countDown();

            Await.until(
                    "one more round after the one the wake-up came during",
                    Duration.ofSeconds(30),
                    rounds::get,
                    n -> n == 3);
        } finally {
            loop.stop();
        }
    }

    @Test
    void aWakeUpDuringTheBackOffIsIgnored() throws Exception {
        RecordingScheduler scheduler = new RecordingScheduler(Duration.ofHours(1));
        AtomicInteger rounds = new AtomicInteger();
        PollLoop loop = new PollLoop(
                "polling",
                Duration.ZERO,
                Duration.ofHours(1),
                () -> {
                    rounds.incrementAndGet();
                    throw new IllegalStateException("database down");
                },
                scheduler);
        loop.start();
        Await.until("the failed round", Duration.ofSeconds(30), rounds::get, n -> n == 1);
        Await.until("the back-off scheduled", Duration.ofSeconds(30), () -> scheduler.waits.size(), n -> n == 2);

        loop.wake();
        loop.wake();

        assertThat(scheduler.waits).containsExactly(Duration.ZERO, Duration.ofHours(1));
        assertThat(rounds).hasValue(1);
        loop.stop();
    }

    /** Records the waits the loop asks for and runs every round without waiting. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        /** Waits at least this long are kept as they are (never run in the test), shorter ones run at once. */
        private final Duration kept;

        RecordingScheduler() {
            this(Duration.ofDays(365));
        }

        RecordingScheduler(Duration kept) {
            super(1);
            this.kept = kept;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Duration wait = Duration.ofNanos(unit.toNanos(delay));
            waits.add(wait);
            return super.schedule(
                    command,
                    wait.compareTo(kept) >= 0 ? delay : 0,
                    wait.compareTo(kept) >= 0 ? unit : TimeUnit.NANOSECONDS);
        }
    }
}
