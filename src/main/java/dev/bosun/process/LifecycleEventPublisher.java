package dev.bosun.process;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.bosun.board.BoardFile;
import dev.bosun.events.BosunEvent;
import dev.bosun.events.EventLog;
import dev.bosun.runtime.PlatformThreads;

/**
 * Turns lifecycle steps (published by Camunda's Spring eventing) into lines of
 * {@code .bosun/events.jsonl} and a fresh {@code .bosun/board.md}. Both are written after the
 * engine's transaction commits, so a rolled-back step never shows up in the audit log, and on
 * one thread of their own: in commit order, and never inside a finished transaction (reading the
 * engine there would join it).
 */
@Component
class LifecycleEventPublisher {

    private final EventLog events;
    private final BoardFile board;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(PlatformThreads.named("bosun-events", true));

    LifecycleEventPublisher(EventLog events, BoardFile board) {
        this.events = events;
        this.board = board;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @EventListener
    void on(DelegateExecution execution) {
        if (!ProcessIds.TASK_LIFECYCLE.equals(definitionKey(execution))) {
            return;
        }
        BosunEvent event = LifecycleEvents.of(execution);
        if (event == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(event);
                }
            });
        } else {
            submit(event);
        }
    }

    private void submit(BosunEvent event) {
        try {
            writer.execute(() -> record(event));
        } catch (RejectedExecutionException stopping) {
            // Bosun is shutting down: the step is in the engine's history all the same
        }
    }

    private void record(BosunEvent event) {
        events.append(event);
        board.refresh();
    }

    private static String definitionKey(DelegateExecution execution) {
        String definitionId = execution.getProcessDefinitionId();
        return definitionId == null ? null : definitionId.substring(0, definitionId.indexOf(':'));
    }
}
