package dev.bosun.cockpit;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A finished task-lifecycle or plan instance, as the list shows it.
 *
 * @param processInstanceId the engine's id, by which its timeline is asked for
 * @param kind              {@code task} or {@code plan}
 * @param id                the task's or plan's id (the business key)
 * @param title             its title
 * @param member            the engineer that last held the task, or the plan's architect; null if none
 * @param status            how it ended: {@code merged}, {@code abandoned}, {@code done}, {@code failed},
 *                          {@code cancelled} (deleted, as Cockpit's cancel does)
 * @param startedAt         when it was started
 * @param endedAt           when it ended
 */
public record FinishedInstance(
        String processInstanceId,
        String kind,
        String id,
        String title,
        @Nullable String member,
        String status,
        Instant startedAt,
        Instant endedAt) {

    public static final String TASK = "task";
    public static final String PLAN = "plan";

    public FinishedInstance {
        Objects.requireNonNull(processInstanceId, "processInstanceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** Named so that JSON writers take it for no property. */
    public boolean describesATask() {
        return TASK.equals(kind);
    }
}
