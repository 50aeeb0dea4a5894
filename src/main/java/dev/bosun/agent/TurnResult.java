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
 */
public record TurnResult(int exitCode, boolean timedOut, Duration duration, List<String> outputTail) {
    public TurnResult {
        outputTail = List.copyOf(outputTail);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
