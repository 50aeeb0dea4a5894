package dev.bosun.agent;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How an agent turn ended.
 *
 * @param exitCode   the process's exit code (meaningless when {@code timedOut})
 * @param timedOut   the turn hit its timeout and Bosun killed the agent's process group
 * @param duration   wall-clock time of the turn
 * @param outputTail the last lines of terminal output (at most 50), CR and ANSI escapes removed
 * @param sessionId  the agent's conversation, for a CLI that can resume one; null otherwise
 * @param usage      tokens and cost as the CLI reported them; null when it reported none
 * @param cut        whether a supervisor cut the turn short ({@link TurnControl.Cut#NONE} when it ended by itself)
 */
public record TurnResult(
        int exitCode,
        boolean timedOut,
        Duration duration,
        List<String> outputTail,
        @Nullable String sessionId,
        @Nullable TurnUsage usage,
        TurnControl.Cut cut) {
    public TurnResult {
        outputTail = List.copyOf(outputTail);
        cut = cut == null ? TurnControl.Cut.NONE : cut;
    }

    public TurnResult(
            int exitCode,
            boolean timedOut,
            Duration duration,
            List<String> outputTail,
            @Nullable String sessionId,
            @Nullable TurnUsage usage) {
        this(exitCode, timedOut, duration, outputTail, sessionId, usage, TurnControl.Cut.NONE);
    }

    public TurnResult(int exitCode, boolean timedOut, Duration duration, List<String> outputTail) {
        this(exitCode, timedOut, duration, outputTail, null, null);
    }

    public TurnResult(
            int exitCode, boolean timedOut, Duration duration, List<String> outputTail, @Nullable String sessionId) {
        this(exitCode, timedOut, duration, outputTail, sessionId, null);
    }

    /** The same result with other output lines (redacted, say). */
    public TurnResult withOutputTail(List<String> lines) {
        return new TurnResult(exitCode, timedOut, duration, lines, sessionId, usage, cut);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
