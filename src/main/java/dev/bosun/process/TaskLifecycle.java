package dev.bosun.process;

/**
 * Starts tasks. The port through which use cases reach the engine.
 *
 * <p>Contract: thread-safe; the returned id is unique across nodes sharing a database, and the
 * task is durable (its process instance is committed) when this returns.
 */
public interface TaskLifecycle {

    String start(NewTask task);
}
