package dev.bosun.process;

import java.util.List;
import java.util.Objects;

/**
 * A validated request for a task: title (not blank), body (may be empty), priority, and the ids of
 * tasks that must be merged before it may be claimed.
 */
public record NewTask(String title, String body, TaskPriority priority, List<String> dependsOn) {
    public NewTask {
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
        Objects.requireNonNull(priority, "priority");
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    public NewTask(String title, String body, TaskPriority priority) {
        this(title, body, priority, List.of());
    }
}
