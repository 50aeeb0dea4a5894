package dev.bosun.agent;

import java.time.Duration;
import java.util.List;

/**
 * How an agent turn ended.
 *
 * @param exitCode   the process's exit code (meaningless when {@code timedOut})
 * @param timedOut   the turn hit its timeout and Bosun killed the agent's process group
 * @param duration   wall-clock time of the turn
 * @param outputTail the last lines of terminal output (at most 50), CR and ANSI escapes removed
 * @param sessionId  the agent's conversation, for a CLI that can resume one; null otherwise
 */
public record TurnResult(int exitCode, boolean timedOut, Duration duration, List<String> outputTail, String sessionId) {
    public TurnResult {
        outputTail = List.copyOf(outputTail);
    }

    public TurnResult(int exitCode, boolean timedOut, Duration duration, List<String> outputTail) {
        this(exitCode, timedOut, duration, outputTail, null);
    }

    TurnResult withSession(String session) {
        return new TurnResult(exitCode, timedOut, duration, outputTail, session);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
