package dev.bosun.audit;

import java.util.List;

/**
 * Every test run Bosun made for a task: written by the test gate after each run, read by the task
 * page, the timeline and the metrics.
 *
 * <p>Contract: thread-safe; {@link #record} commits on its own (test runs happen outside engine
 * transactions) and throws on a database failure.
 */
public interface TestRuns {

    /** The task's test runs, oldest first; empty for an unknown task. */
    List<TestRun> of(String taskId);

    void record(TestRun run);
}
