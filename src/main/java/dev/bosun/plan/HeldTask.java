package dev.bosun.plan;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A task an architect added during a planning turn, not started yet.
 *
 * @param priority  a {@code TaskPriority} label
 * @param dependsOn task ids: held tasks of the same plan, tasks of the plan already started, or
 *                  merged tasks (checked by {@link PlanCheck} when the turn ends, not when added)
 * @param manager   the manager whose engineers alone may claim it, or null
 */
public record HeldTask(
        String taskId,
        String planId,
        String title,
        String body,
        String priority,
        List<String> dependsOn,
        @Nullable String manager,
        String createdBy) {

    public HeldTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(priority, "priority");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
