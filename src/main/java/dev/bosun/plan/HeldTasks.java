package dev.bosun.plan;

import java.util.List;

/**
 * The tasks each plan's current planning turn added. A task is held until the plan process starts
 * it; {@link #release} runs in the transaction that starts its lifecycle instance, so after a crash
 * a task is either still held or started, never both and never lost.
 *
 * <p>Contract: thread-safe; every call joins the caller's transaction on the engine's database
 * (and commits on its own otherwise).
 */
public interface HeldTasks {

    void hold(HeldTask task);

    /** The plan's held tasks in the order they were added. */
    List<HeldTask> of(String planId);

    /** Drops every held task of the plan: a repeated or a new planning turn writes the plan again. */
    int discard(String planId);

    /** The task was started: it is no longer held. */
    void release(String taskId);
}
