package dev.bosun.process;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Tasks as the read model shows them, with the statuses no listener sets (blocked, cancelled):
 * the plan needs them to tell a plan that can still move from one whose tasks all ended or wait
 * forever. Implemented by the board's read model, which is where those statuses are derived.
 *
 * <p>Contract: thread-safe; reads committed engine state.
 */
public interface TaskStatuses {

    /**
     * @param status        a {@link TaskStatus} wire name (derived ones included)
     * @param reason        why it is blocked or cancelled, or null
     * @param failureReason the last failure of its attempts (for an abandoned task), or null
     * @param planId        the plan that started it, or null
     */
    record TaskState(
            String id,
            String title,
            String status,
            @Nullable String reason,
            @Nullable String failureReason,
            @Nullable String planId) {}

    /** The tasks the plan started, by id. */
    List<TaskState> ofPlan(String planId);

    Optional<TaskState> find(String taskId);
}
