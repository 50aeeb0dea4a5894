package dev.bosun.cockpit;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.bosun.audit.TestRun;
import dev.bosun.audit.TestRuns;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;

/**
 * Every test run of a task's test gate as Bosun recorded it ({@link TestRuns}: commit, result,
 * exit code, duration, the tail of its output). Work tested before Bosun kept that record has
 * none; for it the runs are read from the engine's history instead (each pass of the test step
 * with the commit it tested and the output the step kept). The re-test of a merge after a rebase
 * runs inside the merge step and is not one of these.
 */
@Component
@Order(3)
class TestRunEntries implements TimelineSource {

    /** As much of a run's output as a timeline line can show. */
    static final int TAIL_LINES = 15;

    private final TestRuns recorded;
    private final HistoryService history;

    TestRunEntries(TestRuns recorded, HistoryService history) {
        this.recorded = recorded;
        this.history = history;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        if (!instance.describesATask()) {
            return List.of();
        }
        List<TestRun> runs = recorded.of(instance.id());
        return runs.isEmpty()
                ? fromHistory(instance)
                : runs.stream().map(TestRunEntries::entry).toList();
    }

    private static TimelineEntry entry(TestRun run) {
        String result = run.result() == TestRun.Result.PASSED
                ? "green"
                : "red (" + run.result().wireName() + ")";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("result", result);
        details.put("commit", run.commit());
        details.put("attempt", String.valueOf(run.attempt()));
        details.put("exit", String.valueOf(run.exitCode()));
        if (!run.outputTail().isBlank()) {
            details.put("output", tail(run.outputTail()));
        }
        Instant end = run.startedAt().plus(run.duration());
        return new TimelineEntry("test", run.startedAt(), end, "test run: " + result, details);
    }

    private List<TimelineEntry> fromHistory(FinishedInstance instance) {
        List<HistoricActivityInstance> runs = history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.processInstanceId())
                .activityId(ProcessIds.TASK_RUN_TESTS)
                .finished()
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .list();
        if (runs.isEmpty()) {
            return List.of();
        }
        VariableUpdates updates = VariableUpdates.of(history, instance.processInstanceId());
        return runs.stream().map(run -> entry(run, updates)).toList();
    }

    private static TimelineEntry entry(HistoricActivityInstance run, VariableUpdates updates) {
        Instant start = run.getStartTime().toInstant();
        Instant end = run.getEndTime().toInstant();
        String green =
                updates.lastBetween(ProcessVariables.TESTS_GREEN, start, end).orElse(null);
        String result = green == null
                ? "no result (the step ended without one: an error such as a missing test command)"
                : Boolean.parseBoolean(green) ? "green" : "red";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("result", result);
        details.put(
                "commit",
                updates.lastBetween(ProcessVariables.TESTED_COMMIT, start, end).orElse("unknown"));
        updates.lastBetween(ProcessVariables.LAST_OUTPUT, start, end)
                .ifPresent(out -> details.put("output", tail(out)));
        return new TimelineEntry("test", start, end, "test run: " + result, details);
    }

    static String tail(String output) {
        String[] lines = output.strip().split("\r?\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - TAIL_LINES), lines.length));
    }
}
