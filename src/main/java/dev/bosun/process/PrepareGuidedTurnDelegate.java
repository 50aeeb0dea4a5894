package dev.bosun.process;

import static dev.bosun.process.PrepareFixTurnDelegate.number;
import static dev.bosun.process.PrepareFixTurnDelegate.text;

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
        int attempt = number(execution, ProcessVariables.ATTEMPT) + 1;
        execution.setVariable(ProcessVariables.ATTEMPT, attempt);
        execution.setVariable(ProcessVariables.PROMPT, TextValues.store(TaskPrompts.guidedTurn(
                text(execution, ProcessVariables.TASK_ID), text(execution, ProcessVariables.TITLE),
                text(execution, ProcessVariables.BODY), attempt, guidanceFrom(execution), text(execution, ProcessVariables.GUIDANCE),
                text(execution, ProcessVariables.FAILURE_REASON), text(execution, ProcessVariables.LAST_OUTPUT))));
    }

    private static String guidanceFrom(DelegateExecution execution) {
        Object from = execution.getVariable(ProcessVariables.GUIDANCE_FROM);
        return from == null ? Team.HUMAN : from.toString();
    }
}
