package dev.bosun.events;

import java.util.Objects;

/**
 * A step of a task's lifecycle, published as a Spring application event by the process area while
 * the engine's transaction is still open. Listeners that must not see a rolled-back step (the
 * audit log, the board) use {@code @TransactionalEventListener}.
 *
 * @param line the step's audit line, as {@code .bosun/events.jsonl} records it; not null
 */
public record TaskLifecycleEvent(BosunEvent line) {

    public TaskLifecycleEvent {
        Objects.requireNonNull(line, "line");
    }
}
