package dev.bosun.cockpit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Comment;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.bosun.process.PlanVariables;
import dev.bosun.process.ProcessVariables;

/**
 * Every human decision, read from the engine's history: each completed human task (an escalation,
 * a plan's approval or escalation) with who completed it (the user operation log, else its
 * assignee), when, the decision and guidance its form set, and the comments written on it. A
 * decision made through Bosun's API or CLI completes the task with no one logged in to the
 * engine, so its person is "not recorded" here.
 */
@Component
@Order(4)
class HistoryDecisionEntries implements TimelineSource {

    static final String NOT_RECORDED = "not recorded";

    private final HistoryService history;
    private final TaskService tasks;

    HistoryDecisionEntries(HistoryService history, TaskService tasks) {
        this.history = history;
        this.tasks = tasks;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        List<HistoricTaskInstance> humanTasks = history.createHistoricTaskInstanceQuery()
                .processInstanceId(instance.processInstanceId())
                .finished()
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .list();
        if (humanTasks.isEmpty()) {
            return List.of();
        }
        VariableUpdates updates = VariableUpdates.of(history, instance.processInstanceId());
        String decisionVariable = instance.describesATask() ? ProcessVariables.DECISION : PlanVariables.PLAN_DECISION;
        List<TimelineEntry> entries = new ArrayList<>();
        for (HistoricTaskInstance task : humanTasks) {
            Instant start = task.getStartTime().toInstant();
            Instant end = task.getEndTime().toInstant();
            String decision = updates.lastBetween(decisionVariable, start, end).orElse(null);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("by", decidedBy(task));
            details.put("task", task.getName() == null ? task.getTaskDefinitionKey() : task.getName());
            details.put("decision", decision == null ? "none (" + task.getDeleteReason() + ")" : decision);
            details.put(
                    "guidance",
                    updates.lastBetween(ProcessVariables.GUIDANCE, start, end).orElse("none"));
            String comments = comments(task.getId());
            if (!comments.isEmpty()) {
                details.put("comment", comments);
            }
            entries.add(new TimelineEntry(
                    "decision",
                    end,
                    null,
                    decision == null ? "closed without a decision" : "decided: " + decision,
                    details));
        }
        return entries;
    }

    private String decidedBy(HistoricTaskInstance task) {
        String completedBy = history
                .createUserOperationLogQuery()
                .taskId(task.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                .list()
                .stream()
                .map(UserOperationLogEntry::getUserId)
                .filter(user -> user != null && !user.isBlank())
                .findFirst()
                .orElse(null);
        return firstOf(completedBy, task.getAssignee());
    }

    private String comments(String taskId) {
        return tasks.getTaskComments(taskId).stream()
                .map(HistoryDecisionEntries::comment)
                .collect(Collectors.joining("\n"));
    }

    private static String comment(Comment comment) {
        String by = comment.getUserId() == null ? "" : comment.getUserId() + ": ";
        return by + comment.getFullMessage();
    }

    private static String firstOf(@Nullable String first, @Nullable String second) {
        if (first != null) {
            return first;
        }
        return second != null ? second : NOT_RECORDED;
    }
}
