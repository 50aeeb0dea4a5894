package dev.bosun.runtime;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of polling again and again on a platform thread of its own: the next round
 * starts {@code interval} after the previous one ended, or {@code backoff} after one that failed,
 * so a database outage is not a tight loop. A failed round is logged and does not end the loop.
 *
 * <p>{@link #wake} runs the next round at once (or right after the round under way, which may
 * have read the database before the new work was committed), so work made on this node does not
 * wait for the interval; the interval stays the fallback. A wake-up during a back-off is ignored:
 * a failing database is not polled in a tight loop because work keeps arriving.
 *
 * <p>{@link #stop} never interrupts the round: it talks to the database (see
 * {@link InterruptibleWork}). Thread-safe; start once, stop any number of times.
 */
public final class PollLoop {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    /** A round is a few queries; one that takes longer than this is left to end on its own. */
    private static final Duration ROUND_END_WAIT = Duration.ofSeconds(5);

    private final String what;
    private final Duration interval;
    private final Duration backoff;
    private final Runnable round;
    private final ScheduledThreadPoolExecutor scheduler;
    private volatile boolean stopping;
    /** The next round's timer, to run it early on a wake-up; null while a round runs. Guarded by this. */
    private @Nullable ScheduledFuture<?> next;
    /** A wake-up came while a round ran: run another as soon as it ends. Guarded by this. */
    private boolean wokenDuringRound;
    /** The last round failed and the loop waits out its back-off. Guarded by this. */
    private boolean backingOff;

    /**
     * @param thread   the name of the loop's thread
     * @param what     what a round does, for the log ("claiming tasks")
     * @param interval the wait after a round that succeeded
     * @param backoff  the wait after a round that threw
     * @param round    one round; may throw a {@link RuntimeException}
     */
    public PollLoop(String thread, String what, Duration interval, Duration backoff, Runnable round) {
        this(what, interval, backoff, round, new ScheduledThreadPoolExecutor(1, PlatformThreads.named(thread, true)));
    }

    /** @param scheduler runs the rounds; tests pass one that records the waits */
    PollLoop(String what, Duration interval, Duration backoff, Runnable round, ScheduledThreadPoolExecutor scheduler) {
        this.what = what;
        this.interval = interval;
        this.backoff = backoff;
        this.round = round;
        this.scheduler = scheduler;
        // a round already waiting for its turn must not run after stop()
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // a timer cancelled by a wake-up leaves the queue at once
        scheduler.setRemoveOnCancelPolicy(true);
    }

    public synchronized void start() {
        schedule(Duration.ZERO);
    }

    /** Starts no more rounds and waits a little for the one running, if any, to end. Idempotent. */
    public void stop() {
        stopping = true;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(ROUND_END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a round now: at once when the loop waits for its next round, right after the current
     * one when a round runs. Never blocks; does nothing after {@link #stop} or during a back-off.
     */
    public void wake() {
        if (stopping) {
            return;
        }
        synchronized (this) {
            if (backingOff) {
                return;
            }
            if (next == null) {
                wokenDuringRound = true; // a round runs (or is starting): one more after it
            } else if (next.cancel(false)) {
                next = null;
                schedule(Duration.ZERO);
            } // else the timer fired just now and the round is starting: it sees the new work
        }
    }

    private void runRound() {
        synchronized (this) {
            next = null;
            wokenDuringRound = false;
            backingOff = false;
        }
        if (stopping) {
            return;
        }
        Duration wait = interval;
        boolean failed = false;
        try {
            round.run();
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            log.warn("{} failed: {}", what, e.getMessage());
            wait = backoff;
            failed = true;
        }
        synchronized (this) {
            backingOff = failed;
            schedule(!failed && wokenDuringRound ? Duration.ZERO : wait);
        }
    }

    /** Called holding this (or before the loop runs). */
    private void schedule(Duration delay) {
        try {
            next = scheduler.schedule(this::runRound, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // stop() was called: no next round
        }
    }
}
