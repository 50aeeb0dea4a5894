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
     * @param status the lifecycle status's {@link TaskStatus#wireName()}: todo (just claimed), in-progress,
     *               testing, merging or escalated
     */
    record CurrentTask(String taskId, String status) {

        /** Escalated: the member's work is done until a human decides; its worktree keeps the branch. */
        public boolean waitsForHuman() {
            return TaskStatus.ESCALATED.is(status);
        }
    }

    /** The running task-lifecycle instance assigned to {@code member}, if any (one task per member). */
    Optional<CurrentTask> currentTask(String member);
}
