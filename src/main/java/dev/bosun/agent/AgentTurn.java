package dev.bosun.agent;

/**
 * Runs one turn of an engineer's agent: the agent process is started in a pseudo-terminal in
 * the engineer's worktree with the prompt, and the turn ends when that process exits or the
 * timeout kills it.
 *
 * <p>Contract: blocking, thread-safe (several engineers run turns at once), never returns null.
 * A non-zero exit or a timeout is a normal {@link TurnResult}, not an exception: whatever the
 * agent committed stays on its branch, and the evidence check decides what happens next. An
 * exception means Bosun itself failed (the binary cannot be started, the log cannot be
 * written); its message must say what and where.
 *
 * <p>An interrupt of the calling thread (Bosun stopping) kills the agent's process group and
 * ends in {@link TurnInterruptedException} with the interrupt flag set again: the turn did not
 * finish, so the caller must not record it as a result or count it as an attempt.
 */
public interface AgentTurn {

    TurnResult run(TurnRequest request);
}
