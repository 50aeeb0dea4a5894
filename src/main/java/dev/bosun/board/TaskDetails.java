package dev.bosun.board;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A task with the reason of its last failure, its step history (oldest first) and the messages of
 * open incidents: failures of Bosun itself that wait for someone to fix and retry them in Cockpit.
 *
 * @param manager the manager the task names (only its engineers claim it), or null: any engineer
 */
public record TaskDetails(
        TaskSummary task,
        String createdBy,
        @Nullable String manager,
        String body,
        String failureReason,
        String lastOutput,
        List<TaskStep> history,
        List<String> incidents) {
    public TaskDetails {
        history = List.copyOf(history);
        incidents = List.copyOf(incidents);
    }
}
