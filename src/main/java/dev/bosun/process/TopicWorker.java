package dev.bosun.process;

/**
 * Does the work of one external-task topic. Implementations only translate: read variables,
 * call one port, return variables. Work may be long (agent turns, tests, merges); the poller
 * keeps the engine's lock extended meanwhile.
 *
 * <p>Contract: may run twice for the same task after a crash, so the port it calls must be
 * idempotent. An exception is a failure of Bosun itself and becomes a Camunda incident carrying
 * the exception's message.
 */
public interface TopicWorker {

    String topic();

    /**
     * True for the step that runs an agent turn: the node that takes it notes itself in the process
     * instance ({@link ProcessVariables#TURN_NODE}), so the steps that supervise the turn reach it.
     */
    default boolean runsTheTurn() {
        return false;
    }

    /**
     * True for a step that acts on the running turn (its terminal, its processes): only the node
     * that runs the turn fetches it, since a turn lives in one JVM's PTY.
     */
    default boolean onTheTurnsNode() {
        return false;
    }

    WorkResult work(WorkItem item) throws Exception;
}
