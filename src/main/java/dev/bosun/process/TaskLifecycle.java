package dev.bosun.process;

/**
 * Starts tasks and changes waiting ones. The port through which use cases reach the engine.
 *
 * <p>Contract: thread-safe; the returned id is unique across nodes sharing a database, and the
 * task is durable (its process instance is committed) when this returns.
 */
public interface TaskLifecycle {

    /**
     * @throws TaskRefusedException when a task it depends on does not exist, or its manager is not a
     *     manager of the team with engineers reporting to it
     */
    String start(NewTask task);

    /**
     * Reserves a waiting task for one engineer: only that member will claim it.
     *
     * @throws TaskRefusedException when the task is unknown, no longer waiting, the member is not an
     *     engineer, or the task names a manager the member does not report to
     */
    void assign(String taskId, String member);

    /**
     * Runs the failed steps of a task again (its open incidents: an agent binary that was missing, a
     * trunk that did not exist), once the cause is fixed. A step that fails again is a new incident.
     *
     * @throws TaskRefusedException when the task is unknown, finished, or has no failed step
     */
    void retry(String taskId);

    /** A request the engine state does not allow; {@link #field()} names the input at fault. */
    final class TaskRefusedException extends RuntimeException {

        /**
         * BAD_INPUT (400), NOT_FOUND (404), CONFLICT (409: the input is fine, the state forbids it),
         * FORBIDDEN (403: the caller may not do this).
         */
        public enum Kind {
            BAD_INPUT,
            NOT_FOUND,
            CONFLICT,
            FORBIDDEN
        }

        private final String field;
        private final Kind kind;

        public TaskRefusedException(Kind kind, String field, String message) {
            super(message);
            this.kind = kind;
            this.field = field;
        }

        public String field() {
            return field;
        }

        public Kind kind() {
            return kind;
        }
    }
}
