package dev.bosun.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of Task_PlanningTurn: the plan is {@code planning} until tasks of it were started, and
 * {@code replanning} after (failed tasks, a rejected or refused replan, a human's replan).
 */
@Component("planningStarted")
class PlanningStartedListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(
                PlanVariables.PLAN_STATUS,
                PlanRounds.status(TaskVariables.of(execution)).wireName());
    }
}
