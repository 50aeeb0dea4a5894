package dev.bosun.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.bosun.agent.TaskPrompts;
import dev.bosun.team.Team;

/**
 * Task_PrepareGuidedTurn: a human or the engineer's manager granted one more round, with
 * guidance. The retry budget is not reset, so if that round fails too the task goes on (after a
 * manager, to a human; after a human, back to the human).
 */
@Component("prepareGuidedTurn")
class PrepareGuidedTurnDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        TaskVariables variables = TaskVariables.of(execution);
        int attempt = variables.integer(ProcessVariables.ATTEMPT) + 1;
        execution.setVariable(ProcessVariables.ATTEMPT, attempt);
        // A person looked at the task: a failure like the one before is not yet proof the agent cannot work.
        execution.setVariable(ProcessVariables.TURN_FAILURE, null);
        execution.setVariable(
                ProcessVariables.PROMPT,
                TextValues.store(TaskPrompts.guidedTurn(
                        variables.textOr(ProcessVariables.TASK_ID, ""),
                        variables.textOr(ProcessVariables.TITLE, ""),
                        variables.textOr(ProcessVariables.BODY, ""),
                        attempt,
                        variables.textOr(ProcessVariables.GUIDANCE_FROM, Team.HUMAN),
                        variables.textOr(ProcessVariables.GUIDANCE, ""),
                        variables.textOr(ProcessVariables.FAILURE_REASON, ""),
                        variables.textOr(ProcessVariables.LAST_OUTPUT, ""))));
    }
}
