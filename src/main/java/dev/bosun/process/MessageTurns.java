package dev.bosun.process;

/**
 * Turns outside the task lifecycle that keep a member from claiming a task: a member reading
 * its messages must not get a code turn at the same time.
 *
 * <p>Contract: thread-safe; answers for every node sharing the database, and is already true
 * between the moment messages are taken for the member and the start of their turn.
 */
public interface MessageTurns {

    boolean underway(String member);
}
