package dev.bosun.agent;

/**
 * Bosun could not start an agent process: the binary is missing or not executable, the working
 * directory does not exist, the prompt file cannot be written, or the prompt is too long for the
 * argument the agent's command takes it in. The message names what and where (and, for the
 * prompt, its size, the limit and the fix). Nothing of the turn has run.
 */
public final class AgentStartException extends RuntimeException {

    AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
