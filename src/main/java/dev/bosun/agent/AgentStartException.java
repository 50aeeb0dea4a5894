package dev.bosun.agent;

/**
 * Bosun could not start an agent process: the binary is missing or not executable, or the
 * working directory does not exist. The message names the binary and the directory.
 */
public final class AgentStartException extends RuntimeException {

    AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
