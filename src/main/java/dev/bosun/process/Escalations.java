package dev.bosun.process;

/**
 * Decides escalated tasks, the same as completing {@code UserTask_Escalation} in Tasklist.
 *
 * <p>Contract: thread-safe; throws {@link NoOpenEscalationException} when the task has no open
 * escalation (unknown, never escalated, or already decided), and never half-applies a decision.
 */
public interface Escalations {

    enum Decision { RETRY, ABANDON, MERGE }

    void decide(String taskId, Decision decision, String guidance);

    /** The task has no escalation waiting for a decision. */
    class NoOpenEscalationException extends RuntimeException {
        public NoOpenEscalationException(String taskId) {
            super("task '" + taskId + "' has no open escalation");
        }
    }
}
