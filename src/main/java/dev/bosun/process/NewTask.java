package dev.bosun.process;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bosun.team.Team;

/**
 * A validated request for a task: title (not blank), body (may be empty), priority, the ids of
 * tasks that must be merged before it may be claimed, and who asked for it (a member, or
 * {@value Team#HUMAN}), and the manager whose engineers alone may claim it (null: any engineer).
 */
public record NewTask(
        String title,
        String body,
        TaskPriority priority,
        List<String> dependsOn,
        String createdBy,
        @Nullable String manager) {

    public NewTask {
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
        Objects.requireNonNull(priority, "priority");
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        createdBy = createdBy == null || createdBy.isBlank() ? Team.HUMAN : createdBy;
        manager = manager == null || manager.isBlank() ? null : manager.strip();
    }

    public NewTask(String title, String body, TaskPriority priority, List<String> dependsOn, String createdBy) {
        this(title, body, priority, dependsOn, createdBy, null);
    }

    public NewTask(String title, String body, TaskPriority priority, List<String> dependsOn) {
        this(title, body, priority, dependsOn, Team.HUMAN);
    }

    public NewTask(String title, String body, TaskPriority priority) {
        this(title, body, priority, List.of(), Team.HUMAN);
    }
}
