package dev.bosun.cockpit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.process.TextValues;

/**
 * A plan's tasks (the task-lifecycle instances the plan started, which carry its {@code planId}),
 * each when it started, with its title and how it stands or ended; their own timelines hold the
 * rest.
 */
@Component
@Order(6)
class PlanTaskEntries implements TimelineSource {

    private final HistoryService history;

    PlanTaskEntries(HistoryService history) {
        this.history = history;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        if (instance.describesATask()) {
            return List.of();
        }
        List<HistoricProcessInstance> planTasks = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .variableValueEquals(ProcessVariables.PLAN_ID, instance.id())
                .orderByProcessInstanceStartTime()
                .asc()
                .list();
        if (planTasks.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, String>> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(
                        planTasks.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                .variableNameIn(ProcessVariables.TITLE, ProcessVariables.STATUS)
                .list()) {
            String value = TextValues.read(variable.getValue());
            if (value != null && variable.getProcessInstanceId().equals(variable.getExecutionId())) {
                variables
                        .computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>())
                        .put(variable.getName(), value);
            }
        }
        return planTasks.stream()
                .map(task -> entry(task, variables.getOrDefault(task.getId(), Map.of())))
                .toList();
    }

    private static TimelineEntry entry(HistoricProcessInstance task, Map<String, String> variables) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("task", task.getBusinessKey());
        details.put(
                "status",
                variables.getOrDefault(ProcessVariables.STATUS, task.getState().toLowerCase(java.util.Locale.ROOT)));
        return new TimelineEntry(
                "task",
                task.getStartTime().toInstant(),
                task.getEndTime() == null ? null : task.getEndTime().toInstant(),
                "task " + task.getBusinessKey() + " started: " + variables.getOrDefault(ProcessVariables.TITLE, ""),
                details);
    }
}
