package dev.bosun.process;

import java.time.Clock;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import dev.bosun.audit.TaskDecisions;

/**
 * UserTask_ApprovePlan and UserTask_PlanEscalation: each starts without a decision or guidance (an
 * earlier round's must not decide this one), and completing one requires a decision it offers
 * (approve or reject; replan or fail). A bad value is refused and the task stays open. A valid
 * one is recorded with who decided ({@link Deciders}) under the plan's id in {@link TaskDecisions}
 * (a plan id is never a task id), whatever the channel.
 */
@Component("planDecisionListener")
class PlanDecisionListener implements TaskListener {

    private final TaskDecisions decisions;
    private final Deciders deciders;
    private final Clock clock;

    PlanDecisionListener(TaskDecisions decisions, Deciders deciders, Clock clock) {
        this.decisions = decisions;
        this.deciders = deciders;
        this.clock = clock;
    }

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
        decisions.record(
                String.valueOf(task.getVariable(PlanVariables.PLAN_ID)),
                deciders.decisionOn(task, decision.get().wireName(), clock.instant()));
    }
}
