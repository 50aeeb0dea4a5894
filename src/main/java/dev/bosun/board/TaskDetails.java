package dev.bosun.board;

import java.util.List;

/** A task with the reason of its last failure and its step history, oldest first. */
public record TaskDetails(TaskSummary task, String body, String failureReason, String lastOutput,
                          List<TaskStep> history) {
    public TaskDetails {
        history = List.copyOf(history);
    }
}
