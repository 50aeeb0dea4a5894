package dev.bosun.audit;

import java.util.List;

/**
 * The decisions on a task's escalations, every round: written once per decision by whatever
 * completes the escalation (all channels meet in one task listener), read by the task page, the
 * timeline and the metrics.
 *
 * <p>Contract: thread-safe. {@link #record} joins the caller's database transaction when there is
 * one (the engine's, which completes the escalation), so a refused or rolled-back decision leaves
 * no row; it numbers the round itself.
 */
public interface TaskDecisions {

    /** The task's decisions, oldest first; empty for an unknown task or one never decided. */
    List<TaskDecision> of(String taskId);

    /**
     * Writes one decision with the next round number of the task; {@code decision.round()} is
     * ignored.
     *
     * @return the decision as recorded, with its round
     */
    TaskDecision record(String taskId, TaskDecision decision);
}
