package dev.bosun.events;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Appends each step of a task's lifecycle to {@code .bosun/events.jsonl} after the engine's
 * transaction commits, so a rolled-back step never shows up in the audit log (without a
 * transaction: at once). First of the step's listeners, so a line is written before the board
 * that shows the step. Runs on the committing thread: appending never reads the engine.
 */
@Component
class LifecycleAuditLog {

    private final EventLog events;

    LifecycleAuditLog(EventLog events) {
        this.events = events;
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TaskLifecycleEvent step) {
        events.append(step.line());
    }
}
