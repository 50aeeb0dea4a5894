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

import dev.bosun.audit.TaskDecision;
import dev.bosun.audit.TaskDecisions;
import dev.bosun.process.PlanVariables;
import dev.bosun.process.ProcessVariables;

/**
 * Every human decision on a task or plan: who, through which channel, when, the decision, the
 * guidance, the comments and the reason, as Bosun recorded them ({@link TaskDecisions}, every
 * round, whatever the channel). Work decided before Bosun kept that record has none; for it the
 * decisions are read from the engine's history instead: each completed human task with who
 * completed it (the user operation log, else its assignee), the decision and guidance its form
 * set, and its comments; a decision made there through Bosun's API shows "not recorded" as its
 * person.
 */
@Component
@Order(4)
class DecisionEntries implements TimelineSource {

    static final String NOT_RECORDED = "not recorded";

    private final TaskDecisions recorded;
    private final HistoryService history;
    private final TaskService tasks;

    DecisionEntries(TaskDecisions recorded, HistoryService history, TaskService tasks) {
        this.recorded = recorded;
        this.history = history;
        this.tasks = tasks;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        List<TaskDecision> decisions = recorded.of(instance.id());
        return decisions.isEmpty()
                ? fromHistory(instance)
                : decisions.stream().map(DecisionEntries::entry).toList();
    }

    private static TimelineEntry entry(TaskDecision decision) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("by", decision.by());
        details.put("via", decision.via());
        details.put("round", String.valueOf(decision.round()));
        details.put("decision", decision.decision());
        details.put("guidance", decision.guidance() == null ? "none" : decision.guidance());
        if (decision.comment() != null) {
            details.put("comment", decision.comment());
        }
        if (decision.reason() != null) {
            details.put("reason", decision.reason());
        }
        return new TimelineEntry("decision", decision.at(), null, "decided: " + decision.decision(), details);
    }

    private List<TimelineEntry> fromHistory(FinishedInstance instance) {
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
                .map(DecisionEntries::comment)
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
