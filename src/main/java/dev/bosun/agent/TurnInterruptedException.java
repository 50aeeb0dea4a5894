package dev.bosun.agent;

/**
 * The thread running an agent turn was interrupted (Bosun is shutting down, or Ctrl-C): the
 * agent's process group has been killed and the turn did not finish, so it is neither a result
 * nor a timeout and must not count as an attempt. The thread's interrupt flag is set again
 * before this is thrown. The message names the member, the task and the attempt.
 */
public final class TurnInterruptedException extends RuntimeException {

    public TurnInterruptedException(String message) {
        super(message);
    }
}
