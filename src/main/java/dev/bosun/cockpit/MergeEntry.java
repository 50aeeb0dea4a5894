package dev.bosun.cockpit;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.bosun.process.ProcessVariables;

/** The merge commit a task ended with (the merge step's {@code mergedCommit}), when it was merged. */
@Component
@Order(5)
class MergeEntry implements TimelineSource {

    private final HistoryService history;

    MergeEntry(HistoryService history) {
        this.history = history;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        if (!instance.describesATask()) {
            return List.of();
        }
        return VariableUpdates.of(history, instance.processInstanceId())
                .last(ProcessVariables.MERGED_COMMIT)
                .map(merged -> new TimelineEntry(
                        "merge", merged.at(), null, "merged as " + merged.value(), Map.of("commit", merged.value())))
                .stream()
                .toList();
    }
}
