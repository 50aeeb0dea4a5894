package dev.bosun.process;

import java.util.Objects;

/** A validated request for a task: title (not blank), body (may be empty), priority. */
public record NewTask(String title, String body, TaskPriority priority) {
    public NewTask {
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
        Objects.requireNonNull(priority, "priority");
    }
}
