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

    /** Records the waits the loop asks for and runs every round without waiting. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            waits.add(Duration.ofNanos(unit.toNanos(delay)));
            return super.schedule(command, 0, TimeUnit.NANOSECONDS);
        }
    }
}
