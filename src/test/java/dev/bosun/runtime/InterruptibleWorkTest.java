package dev.bosun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.bosun.support.TestTimeouts;

class InterruptibleWorkTest {

    final InterruptibleWork work = new InterruptibleWork();

    @Test
    void aThreadInsideTheWorkIsInterruptedAndLeavesItWithTheInterruptCleared() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        AtomicBoolean clearedAfter = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            try (InterruptibleWork.Inside entered = work.enter()) {
                inside.countDown();
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // the work itself: interruptAll() ends it
                } catch (InterruptedException e) {
                    sawInterrupt.set(true);
                    Thread.currentThread().interrupt(); // left set: close() must clear it
                }
            }
            clearedAfter.set(!Thread.currentThread().isInterrupted());
        });
        thread.start();
        assertThat(inside.await(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS))
                .isTrue();

        work.interruptAll();
        thread.join(TestTimeouts.scaledMillis(30));

        assertThat(sawInterrupt).isTrue();
        assertThat(clearedAfter)
                .as("the database calls after the work see no interrupt")
                .isTrue();
    }

    @Test
    void aThreadThatLeftTheWorkIsNeverInterrupted() {
        InterruptibleWork.Inside entered = work.enter();
        entered.close();

        entered.interrupt();
        work.interruptAll();

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void workEnteredAfterTheStopIsInterruptedAtOnce() {
        work.interruptAll();

        try (InterruptibleWork.Inside entered = work.enter()) {
            assertThat(work.stopped()).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
