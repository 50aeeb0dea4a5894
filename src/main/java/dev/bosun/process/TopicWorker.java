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

    WorkResult work(WorkItem item) throws Exception;
}
