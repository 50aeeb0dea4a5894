package dev.bosun.workspace;

/**
 * Told how every test run at a commit ended: the test gate's and the merge's re-test alike
 * ({@link CommitTests#told}). Implemented outside this area (the metrics), so the workspace does
 * not know who listens.
 *
 * <p>Contract: called on the testing thread right after the run; must be fast and must not throw.
 */
public interface TestRunListener {

    void testRunFinished(TestResult result);
}
