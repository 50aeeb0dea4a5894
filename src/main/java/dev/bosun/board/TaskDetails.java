package dev.bosun.board;

import java.util.List;

/**
 * A task with the reason of its last failure, its step history (oldest first) and the messages of
 * open incidents: failures of Bosun itself that wait for someone to fix and retry them in Cockpit.
 */
public record TaskDetails(
        TaskSummary task,
        String createdBy,
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
