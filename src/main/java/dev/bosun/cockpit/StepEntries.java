package dev.bosun.cockpit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every step the instance passed (the engine's historic activity instances), with start and end.
 * A gateway without a name is left out: those only join flows so the diagram has one way into
 * each task (bpmnlint's fake-join rule) and decide nothing a reader of the timeline needs.
 */
@Component
@Order(1)
class StepEntries implements TimelineSource {

    private final HistoryService history;

    StepEntries(HistoryService history) {
        this.history = history;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        return history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance.processInstanceId())
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .orderPartiallyByOccurrence()
                .asc()
                .list()
                .stream()
                .filter(step -> !isJoin(step))
                .map(StepEntries::entry)
                .toList();
    }

    /**
     * The step's name as the diagram shows it; an expression in it ("Escalation: ${title}") is not
     * evaluated in the history, so the text before it, else the element's id.
     */
    static String nameOf(@Nullable String name, String activityId) {
        String text = name == null ? "" : name;
        int expression = text.indexOf("${");
        if (expression >= 0) {
            text = text.substring(0, expression).replaceAll("[\\s:]+$", "");
        }
        return text.isBlank() ? activityId : text;
    }

    private static boolean isJoin(HistoricActivityInstance step) {
        String type = step.getActivityType();
        String name = step.getActivityName();
        return type != null && type.endsWith("Gateway") && (name == null || name.isBlank());
    }

    private static TimelineEntry entry(HistoricActivityInstance step) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("element", step.getActivityId());
        details.put("type", step.getActivityType());
        if (step.getAssignee() != null) {
            details.put("assignee", step.getAssignee());
        }
        if (step.isCanceled()) {
            details.put("cancelled", "yes (left by a boundary event or the instance's end)");
        }
        String name = step.getActivityName();
        return new TimelineEntry(
                "step",
                step.getStartTime().toInstant(),
                step.getEndTime() == null ? null : step.getEndTime().toInstant(),
                nameOf(name, step.getActivityId()),
                details);
    }
}
