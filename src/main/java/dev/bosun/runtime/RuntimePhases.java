package dev.bosun.runtime;

/**
 * The {@link org.springframework.context.SmartLifecycle} phases of this node's background work.
 * Spring stops the higher phase first: message delivery stops before the task workers, so a turn
 * that is interrupted still finds the database open to put its messages back, and no message turn
 * starts for an engineer whose task is being stopped.
 */
public final class RuntimePhases {

    /** The claim dispatcher and the external-task workers. */
    public static final int TASK_WORKERS = 1000;
    /** Message delivery: started after the task workers, stopped before them. */
    public static final int MESSAGE_DELIVERY = TASK_WORKERS + 1;

    private RuntimePhases() {}
}
