package dev.bosun.process;

import java.util.Optional;

/**
 * What the task lifecycle has a member doing, read from the engine (the source of truth), so
 * areas outside the BPMN glue can ask without knowing the engine.
 *
 * <p>Contract: thread-safe; each call reads the engine's current state, which may change the
 * moment after.
 */
public interface MemberTasks {

    /**
     * A task the member holds.
     *
     * @param status the lifecycle status's {@link TaskStatus#wireName()}: in-progress, testing or merging
     */
    record CurrentTask(String taskId, String status) {}

    /**
     * The running task-lifecycle instance holding {@code member}, if any (one task per member). An
     * escalated task holds nobody ({@link TaskStatus#holdsItsEngineer}).
     */
    Optional<CurrentTask> currentTask(String member);
}
