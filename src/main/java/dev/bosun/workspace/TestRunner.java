package dev.bosun.workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the test command in a worktree.
 *
 * <p>Contract: blocking and thread-safe. The command is an argv list, never a shell string. It
 * runs in its own process group; on timeout the whole group is killed. Output (stdout and stderr
 * merged) is appended to {@code logFile}. A missing executable is reported as a result with
 * {@link TestResult#commandMissing()}, not thrown.
 */
public interface TestRunner {

    TestResult run(Path directory, List<String> argv, Duration timeout, Path logFile);
}
