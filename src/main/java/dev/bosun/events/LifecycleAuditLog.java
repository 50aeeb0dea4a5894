package dev.bosun.events;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each step of a task's or plan's lifecycle reaches {@code .bosun/events.jsonl} through the
 * {@link EventOutbox}: recorded in the engine's transaction while the step runs, written to the
 * file once it commits (without a transaction: at once), so a rolled-back step never shows up and
 * a kill -9 between the commit and the write loses nothing: what a crash left is written at
 * start-up, once every bean exists and before the context starts anything (the workers, the web
 * server). Writing is first of the step's after-commit listeners, so a line is written before the
 * board that shows the step, and runs on the committing thread: it never reads the engine.
 */
@Component
class LifecycleAuditLog implements SmartInitializingSingleton {

    private final EventOutbox outbox;

    LifecycleAuditLog(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void afterSingletonsInstantiated() {
        outbox.relay();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void record(TaskLifecycleEvent step) {
        outbox.add(step.line());
    }

    /** After {@link #record}: without a transaction both run at once, in this order. */
    @TransactionalEventListener(fallbackExecution = true)
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    void write(TaskLifecycleEvent step) {
        outbox.relay();
    }
}
