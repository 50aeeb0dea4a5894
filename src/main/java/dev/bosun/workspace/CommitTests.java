package dev.bosun.workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the test command at one exact commit, in a checkout that Bosun owns: the one home of the
 * test gate, used by Task_RunTests and by the merge's re-test after a rebase.
 *
 * <p>Contract: blocking; thread-safe for different checkouts, and calls for the same checkout
 * are serialized. Before each run the checkout is forced to {@code commit} (detached) and every
 * file that is not in that commit is removed, so nothing an agent wrote there counts. The result
 * is that of {@link TestRunner#run}; a commit that does not exist is a {@link GitException}.
 */
public interface CommitTests {

    /**
     * @param checkout  the checkout's name, one per member ({@code .bosun/checkouts/<checkout>})
     * @param commit    the full id of the commit to test
     * @param argv      the test command, resolved relative to the checkout
     * @param timeout   after this the run is killed and red
     * @param logFile   where the output is appended
     */
    TestResult run(String checkout, String commit, List<String> argv, Duration timeout, Path logFile);

    /** {@code tests}, telling each of {@code listeners} how every run ended (the metrics). */
    static CommitTests told(CommitTests tests, List<TestRunListener> listeners) {
        List<TestRunListener> copy = List.copyOf(listeners);
        return (checkout, commit, argv, timeout, logFile) -> {
            TestResult result = tests.run(checkout, commit, argv, timeout, logFile);
            copy.forEach(listener -> listener.testRunFinished(result));
            return result;
        };
    }
}
