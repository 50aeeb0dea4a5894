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

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;

/**
 * Every test run of a task, read from the engine's history: each pass of the test step with the
 * commit it tested, green or red, and the tail of its output as the step recorded them. (The
 * re-test of a merge after a rebase runs inside the merge step and is not one of these.)
 */
@Component
@Order(3)
class HistoryTestRunEntries implements TimelineSource {

    /** As much of a run's output as a timeline line can show. */
    static final int TAIL_LINES = 15;

    private final HistoryService history;

    HistoryTestRunEntries(HistoryService history) {
        this.history = history;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        if (!instance.describesATask()) {
            return List.of();
        }
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
