package dev.bosun.workspace;

import java.time.Duration;
import java.util.List;

/**
 * How a test run ended.
 *
 * @param exitCode       the exit code; -1 when the command could not start or timed out
 * @param timedOut       the run was killed at its timeout
 * @param commandMissing the executable does not exist (a configuration problem, not a red test)
 * @param duration       wall-clock time
 * @param outputTail     the last 50 lines of output
 */
public record TestResult(
        int exitCode, boolean timedOut, boolean commandMissing, Duration duration, List<String> outputTail) {

    public static final int TAIL_LINES = 50;

    public TestResult {
        outputTail = List.copyOf(outputTail);
    }

    public boolean green() {
        return exitCode == 0 && !timedOut && !commandMissing;
    }

    public String tailText() {
        return String.join("\n", outputTail);
    }
}
