package dev.bosun.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.plan.HeldTasks;
import dev.bosun.process.PlanDecision;
import dev.bosun.process.PlanStatus;
import dev.bosun.process.PlanVariables;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.TaskStatus;
import dev.bosun.process.TaskVariables;
import dev.bosun.team.Team;

/** Projects plan instances from the history service, with their tasks from {@link TaskReadModel}. */
@Component
class EnginePlanReadModel implements PlanReadModel {

    private static final Set<String> TERMINATED = Set.of(
            HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED, HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);

    private final HistoryService history;
    private final TaskService humanTasks;
    private final TaskReadModel tasks;
    private final HeldTasks held;

    EnginePlanReadModel(HistoryService history, TaskService humanTasks, TaskReadModel tasks, HeldTasks held) {
        this.history = history;
        this.humanTasks = humanTasks;
        this.tasks = tasks;
        this.held = held;
    }

    @Override
    public List<PlanSummary> all() {
        // a plan started without Bosun's variables (Tasklist, /engine-rest) ended at once: no plan
        List<HistoricProcessInstance> instances =
                history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessIds.PLAN).list().stream()
                        .filter(i -> !ProcessIds.END_MISSING_VARIABLES.equals(i.getEndActivityId()))
                        .toList();
        Map<String, List<TaskSummary>> byPlan = new HashMap<>();
        if (!instances.isEmpty()) {
            tasks.all().stream()
                    .filter(t -> t.plan() != null)
                    .forEach(t -> byPlan.computeIfAbsent(t.plan(), k -> new ArrayList<>())
                            .add(t));
        }
        return instances.stream()
                .map(i -> summary(i, variables(i), byPlan.getOrDefault(i.getBusinessKey(), List.of())))
                .sorted(Comparator.comparingLong(p -> numeric(p.id())))
                .toList();
    }

    @Override
    public Optional<PlanDetails> find(String planId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.PLAN)
                .processInstanceBusinessKey(planId)
                .singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        TaskVariables v = variables(instance);
        String status = status(instance, v);
        return Optional.of(new PlanDetails(
                planId,
                v.textOr(PlanVariables.TITLE, ""),
                v.textOr(PlanVariables.GOAL, ""),
                status,
                v.textOr(PlanVariables.CREATED_BY, Team.HUMAN),
                v.textOr(PlanVariables.ARCHITECT, ""),
                instant(instance.getStartTime()),
                instant(instance.getEndTime()),
                reason(instance, v, status),
                tasks.ofPlan(planId),
                held.of(planId).stream()
                        .map(t -> new PlanDetails.Held(t.taskId(), t.title(), t.dependsOn()))
                        .toList(),
                humanTask(instance, v)));
    }

    private PlanSummary summary(HistoricProcessInstance instance, TaskVariables v, List<TaskSummary> ofPlan) {
        return new PlanSummary(
                instance.getBusinessKey(),
                v.textOr(PlanVariables.TITLE, ""),
                status(instance, v),
                v.textOr(PlanVariables.CREATED_BY, Team.HUMAN),
                instant(instance.getStartTime()),
                instant(instance.getEndTime()),
                new PlanSummary.TaskCount(ofPlan.size(), (int) ofPlan.stream()
                        .filter(t -> TaskStatus.MERGED.is(t.status()))
                        .count()));
    }

    private static String status(HistoricProcessInstance instance, TaskVariables v) {
        return TERMINATED.contains(instance.getState())
                ? PlanStatus.CANCELLED.wireName()
                : v.textOr(PlanVariables.PLAN_STATUS, PlanStatus.PLANNING.wireName());
    }

    private static @Nullable String reason(HistoricProcessInstance instance, TaskVariables v, String status) {
        if (PlanStatus.CANCELLED.is(status)) {
            return instance.getDeleteReason();
        }
        if (PlanStatus.ESCALATED.is(status) || PlanStatus.FAILED.is(status)) {
            return v.text(PlanVariables.ESCALATION_REASON);
        }
        if (PlanStatus.PLANNING.is(status) || PlanStatus.REPLANNING.is(status)) {
            return v.text(PlanVariables.PLAN_PROBLEMS);
        }
        return null;
    }

    private PlanDetails.@Nullable HumanTask humanTask(HistoricProcessInstance instance, TaskVariables v) {
        if (instance.getEndTime() != null) {
            return null;
        }
        Task waiting = humanTasks
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .active()
                .singleResult();
        if (waiting == null) {
            return null;
        }
        boolean approval = ProcessIds.PLAN_APPROVE.equals(waiting.getTaskDefinitionKey());
        return new PlanDetails.HumanTask(
                approval ? "approval" : "escalation",
                PlanDecision.wireNames(approval),
                approval ? v.text(PlanVariables.PLAN_TASKS) : v.text(PlanVariables.ESCALATION_REASON));
    }

    private TaskVariables variables(HistoricProcessInstance instance) {
        Map<String, Object> values = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .list()) {
            if (variable.getValue() != null) {
                values.put(variable.getName(), variable.getValue());
            }
        }
        return TaskVariables.of(values, "plan " + instance.getBusinessKey());
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    private static long numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
