package dev.bosun.process;

import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * UserTask_ApprovePlan and UserTask_PlanEscalation: each starts without a decision or guidance (an
 * earlier round's must not decide this one), and completing one requires a decision it offers
 * (approve or reject; replan or fail). A bad value is refused and the task stays open.
 */
@Component("planDecisionListener")
class PlanDecisionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(PlanVariables.PLAN_DECISION);
            task.removeVariable(PlanVariables.GUIDANCE);
            return;
        }
        boolean approval = ProcessIds.PLAN_APPROVE.equals(task.getTaskDefinitionKey());
        Object value = task.getVariable(PlanVariables.PLAN_DECISION);
        Optional<PlanDecision> decision = value == null ? Optional.empty() : PlanDecision.find(value.toString());
        if (decision.filter(d -> d.approval() == approval).isEmpty()) {
            throw new BadUserRequestException("variable 'planDecision' must be one of "
                    + String.join(", ", PlanDecision.wireNames(approval)) + "; got: "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
    }
}
