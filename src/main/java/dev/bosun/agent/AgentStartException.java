package dev.bosun.agent;

/**
 * Bosun could not start an agent process: the binary is missing or not executable, the working
 * directory does not exist, the prompt file cannot be written, or the prompt is too long for the
 * argument the agent's command takes it in. The message names what and where (and, for the
 * prompt, its size, the limit and the fix). Nothing of the turn has run.
 *
 * <p>{@link #agentUnstartable()} tells the two kinds apart: the agent itself cannot be run (its
 * binary is gone from the PATH the turn gets, or the system refused to execute it), which a person
 * fixes on the machine and the task escalates for; or Bosun failed around it (its folders, the
 * prompt it built), which is an incident of Bosun's.
 */
public final class AgentStartException extends RuntimeException {

    private final boolean agentUnstartable;

    AgentStartException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private AgentStartException(String message, Throwable cause, boolean agentUnstartable) {
        super(message, cause);
        this.agentUnstartable = agentUnstartable;
    }

    /** The agent's own binary cannot be run: missing, not executable, refused by the system. */
    static AgentStartException unstartable(String message, Throwable cause) {
        return new AgentStartException(message, cause, true);
    }

    /** True when the agent's binary cannot be run, as opposed to Bosun failing around it. */
    public boolean agentUnstartable() {
        return agentUnstartable;
    }
}
