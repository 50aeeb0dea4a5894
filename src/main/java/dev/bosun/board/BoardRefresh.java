package dev.bosun.board;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.bosun.events.TaskLifecycleEvent;
import dev.bosun.runtime.PlatformThreads;

/**
 * Re-renders {@code .bosun/board.md} after each step of a task's lifecycle, once the engine's
 * transaction commits (a rolled-back step never shows), after the step's audit line is written,
 * and on one thread of its own: in commit order, and never inside the finished transaction
 * (reading the engine there would join it). Refreshes that pile up while one runs are one refresh:
 * each reads every task, and a burst of steps (fifty tasks queued, two engineers) made hundreds
 * of them that took the CPU from the steps themselves.
 */
@Component
class BoardRefresh {

    private final BoardFile board;
    private final ExecutorService writer =
            Executors.newSingleThreadExecutor(PlatformThreads.named("bosun-board", true));
    /** A refresh is queued and has not started: a later step needs no other one. */
    private final AtomicBoolean queued = new AtomicBoolean();

    BoardRefresh(BoardFile board) {
        this.board = board;
    }

    /** Destroyed before the read model and the engine it depends on: pending refreshes still read them. */
    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TaskLifecycleEvent step) {
        try {
            if (queued.compareAndSet(false, true)) {
                writer.execute(() -> {
                    queued.set(false); // before reading: a step committed from here on queues another
                    board.refresh();
                });
            }
        } catch (RejectedExecutionException stopping) {
            // Bosun is shutting down: the step is in the engine's history all the same
        }
    }
}
