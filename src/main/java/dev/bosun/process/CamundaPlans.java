package dev.bosun.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.BosunProperties;
import dev.bosun.plan.HeldTask;
import dev.bosun.plan.HeldTasks;
import dev.bosun.process.TaskLifecycle.TaskRefusedException;
import dev.bosun.process.TaskLifecycle.TaskRefusedException.Kind;
import dev.bosun.team.Member;
import dev.bosun.team.Roster;
import dev.bosun.team.Team;

/** One plan.bpmn instance per plan, the plan id as its business key. */
@Component
class CamundaPlans implements Plans {

    /** A delete racing with a worker's lock extension is tried again, as a person would click again. */
    private static final int DELETE_ATTEMPTS = 10;

    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskService humanTasks;
    private final Roster roster;
    private final BosunProperties properties;
    private final HeldTasks held;
    private final CamundaTaskLifecycle lifecycle;
    private final TransactionTemplate transaction;

    CamundaPlans(
            RuntimeService runtime,
            HistoryService history,
            TaskService humanTasks,
            Roster roster,
            BosunProperties properties,
            HeldTasks held,
            CamundaTaskLifecycle lifecycle,
            PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.runtime = runtime;
        this.history = history;
        this.humanTasks = humanTasks;
        this.roster = roster;
        this.properties = properties;
        this.held = held;
        this.lifecycle = lifecycle;
    }

    @Override
    public String start(NewPlan plan) {
        String architect = roster.architect()
                .map(Member::name)
                .orElseThrow(() -> new TaskRefusedException(
                        Kind.BAD_INPUT,
                        "goal",
                        "this team has no architect to plan with: add a role with role_type: architect to"
                                + " .bosun/team.yaml (or add tasks one by one with bosun task add)"));
        // From the tasks' counter: a plan's id is never a task's, so a business key (in Cockpit, in
        // a query that forgets the process key) names one instance.
        String id = lifecycle.nextId();
        BosunProperties.Plan settings = properties.plan();
        Map<String, Object> variables = new HashMap<>();
        variables.put(PlanVariables.PLAN_ID, id);
        variables.put(PlanVariables.TITLE, plan.title());
        variables.put(PlanVariables.GOAL, TextValues.store(plan.goal()));
        variables.put(PlanVariables.CREATED_BY, plan.createdBy());
        variables.put(PlanVariables.ARCHITECT, architect);
        variables.put(PlanVariables.APPROVAL, plan.approval() == null ? settings.approval() : plan.approval());
        variables.put(PlanVariables.PLAN_STATUS, PlanStatus.PLANNING.wireName());
        variables.put(PlanVariables.FIXES, 0);
        variables.put(PlanVariables.MAX_FIXES, settings.maxFixes());
        variables.put(PlanVariables.REPLANS, 0);
        variables.put(PlanVariables.MAX_REPLANS, settings.maxReplans());
        runtime.startProcessInstanceByKey(ProcessIds.PLAN, id, variables);
        return id;
    }

    @Override
    public String hold(String planId, NewTask task, String caller) {
        ProcessInstance instance = running(planId);
        String architect = (String) runtime.getVariable(instance.getId(), PlanVariables.ARCHITECT);
        if (!Team.HUMAN.equals(caller) && !caller.equals(architect)) {
            throw new TaskRefusedException(
                    Kind.FORBIDDEN, "plan", "only plan " + planId + "'s architect (" + architect + ") adds its tasks");
        }
        if (!runtime.getActiveActivityIds(instance.getId()).contains(ProcessIds.PLAN_TURN)) {
            throw new TaskRefusedException(
                    Kind.CONFLICT,
                    "plan",
                    "plan " + planId + " is not in a planning turn (it is "
                            + runtime.getVariable(instance.getId(), PlanVariables.PLAN_STATUS)
                            + "): its tasks are added during one");
        }
        lifecycle.refuseUnknownManager(task);
        String id = lifecycle.nextId();
        held.hold(new HeldTask(
                id,
                planId,
                task.title(),
                task.body(),
                task.priority().label(),
                task.dependsOn(),
                task.manager(),
                task.createdBy()));
        return id;
    }

    /**
     * One transaction, so a crash never leaves a cancelled plan with running tasks. A delete that
     * races with a worker extending its lock is tried again, as a person would click again.
     */
    @Override
    public void cancel(String planId, String by) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    runtime.deleteProcessInstance(running(planId).getId(), "cancelled by " + by);
                    held.discard(planId);
                    for (ProcessInstance task : tasksOf(planId)) {
                        runtime.deleteProcessInstance(task.getId(), "cancelled with plan " + planId + " by " + by);
                    }
                });
                return;
            } catch (OptimisticLockingException | UnexpectedRollbackException racedWithAWorker) {
                if (attempt == DELETE_ATTEMPTS) {
                    throw racedWithAWorker;
                }
            }
        }
    }

    @Override
    public void decide(
            String planId, PlanDecision decision, @Nullable String guidance, Escalations.@Nullable Decider decider) {
        ProcessInstance plan = running(planId);
        Task waiting = humanTasks
                .createTaskQuery()
                .processInstanceId(plan.getId())
                .active()
                .singleResult();
        if (waiting == null) {
            throw new TaskRefusedException(
                    Kind.CONFLICT,
                    "decision",
                    "plan " + planId + " waits for no decision (it is "
                            + runtime.getVariable(plan.getId(), PlanVariables.PLAN_STATUS) + ")");
        }
        boolean approval = ProcessIds.PLAN_APPROVE.equals(waiting.getTaskDefinitionKey());
        if (decision.approval() != approval) {
            throw new TaskRefusedException(
                    Kind.BAD_INPUT,
                    "decision",
                    "plan " + planId + " waits for " + (approval ? "approval" : "a human") + ": decide "
                            + String.join(" or ", PlanDecision.wireNames(approval)) + ", not " + decision.wireName());
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(PlanVariables.PLAN_DECISION, decision.wireName());
        variables.put(PlanVariables.GUIDANCE, guidance == null ? null : TextValues.store(guidance));
        if (decider != null) {
            // Transient: only the decision's listener reads them, in this transaction.
            variables.put(ProcessVariables.DECIDER_NAME, Variables.stringValue(decider.name(), true));
            variables.put(ProcessVariables.DECIDER_VIA, Variables.stringValue(decider.via(), true));
        }
        humanTasks.complete(waiting.getId(), variables);
    }

    /** The plan's instance while it runs; 404 for an unknown plan, 409 for one that ended. */
    private ProcessInstance running(String planId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.PLAN)
                .processInstanceBusinessKey(planId)
                .singleResult();
        if (instance != null) {
            return instance;
        }
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.PLAN)
                .processInstanceBusinessKey(planId)
                .singleResult();
        if (ended == null) {
            throw new TaskRefusedException(Kind.NOT_FOUND, "plan", "no plan with id '" + planId + "'");
        }
        HistoricVariableInstance status = history.createHistoricVariableInstanceQuery()
                .processInstanceId(ended.getId())
                .variableName(PlanVariables.PLAN_STATUS)
                .singleResult();
        String shown = HistoricProcessInstance.STATE_COMPLETED.equals(ended.getState()) && status != null
                ? String.valueOf(status.getValue())
                : PlanStatus.CANCELLED.wireName();
        throw new TaskRefusedException(Kind.CONFLICT, "plan", "plan " + planId + " has ended (" + shown + ")");
    }

    private List<ProcessInstance> tasksOf(String planId) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .variableValueEquals(ProcessVariables.PLAN_ID, planId)
                .list();
    }
}
