package dev.bosun.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One run of the test gate on a task's commit.
 *
 * @param attempt    the task's attempt the run tested
 * @param member     whose work it tested (its checkout is {@code .bosun/checkouts/<member>})
 * @param commit     the full id of the commit tested
 * @param exitCode   -1 when the command could not start or was killed at its timeout
 * @param outputTail the last lines of its output (at most 50), redacted
 */
public record TestRun(
        String taskId,
        int attempt,
        String member,
        String commit,
        Result result,
        int exitCode,
        Instant startedAt,
        Duration duration,
        String outputTail) {

    /** How a run ended; {@link #wireName()} is how the API and the table spell it. */
    public enum Result {
        PASSED,
        FAILED,
        TIMEOUT,
        COMMAND_MISSING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** @throws IllegalArgumentException for anything that is not a wire name */
        public static Result fromWireName(String wireName) {
            for (Result result : values()) {
                if (result.wireName().equals(wireName)) {
                    return result;
                }
            }
            throw new IllegalArgumentException("unknown test result '" + wireName + "'");
        }
    }

    public TestRun {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outputTail, "outputTail");
    }
}
