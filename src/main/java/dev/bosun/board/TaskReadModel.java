package dev.bosun.board;

import java.util.List;
import java.util.Optional;

/**
 * Reads tasks from the engine's state, the source of truth; nothing here is stored twice.
 *
 * <p>Contract: thread-safe, read-only; results are ordered by task creation.
 */
public interface TaskReadModel {

    List<TaskSummary> all();

    /** The tasks a plan started, ordered by id. */
    List<TaskSummary> ofPlan(String planId);

    Optional<TaskDetails> find(String taskId);
}
