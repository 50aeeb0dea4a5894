package dev.bosun.process;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import dev.bosun.plan.HeldTasks;

/**
 * EndEvent_PlanDone and EndEvent_PlanFailed: a plan ends only when none of its tasks can move, so
 * what still runs is blocked for good (a dependency failed and a replanning turn replaced it).
 * Those are cancelled with the plan's end as the reason; their engineers were never held.
 */
@Component("closePlan")
class ClosePlanListener implements ExecutionListener {

    private final RuntimeService runtime;
    private final HeldTasks held;

    ClosePlanListener(RuntimeService runtime, HeldTasks held) {
        this.runtime = runtime;
        this.held = held;
    }

    @Override
    public void notify(DelegateExecution execution) {
        TaskVariables plan = TaskVariables.of(execution);
        String planId = plan.string(PlanVariables.PLAN_ID);
        String status = plan.string(PlanVariables.PLAN_STATUS);
        held.discard(planId);
        runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .variableValueEquals(ProcessVariables.PLAN_ID, planId)
                .list()
                .forEach(task -> runtime.deleteProcessInstance(
                        task.getId(), "plan " + planId + " ended (" + status + ") while this task was blocked"));
    }
}
