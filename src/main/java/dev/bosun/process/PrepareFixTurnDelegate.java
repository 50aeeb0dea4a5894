package dev.bosun.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.bosun.agent.TaskPrompts;

/** Task_PrepareFixTurn: counts the retry and sends the failure back to the same engineer. */
@Component("prepareFixTurn")
class PrepareFixTurnDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        TaskVariables variables = TaskVariables.of(execution);
        int attempt = variables.integer(ProcessVariables.ATTEMPT) + 1;
        int maxRetries = variables.integer(ProcessVariables.MAX_RETRIES);
        execution.setVariable(ProcessVariables.RETRIES, variables.integer(ProcessVariables.RETRIES) + 1);
        execution.setVariable(ProcessVariables.ATTEMPT, attempt);
        execution.setVariable(
                ProcessVariables.PROMPT,
                TextValues.store(TaskPrompts.fixTurn(
                        variables.textOr(ProcessVariables.TASK_ID, ""),
                        variables.textOr(ProcessVariables.TITLE, ""),
                        variables.textOr(ProcessVariables.BODY, ""),
                        attempt,
                        maxRetries + 1,
                        variables.textOr(ProcessVariables.FAILURE_REASON, ""),
                        variables.textOr(ProcessVariables.LAST_OUTPUT, ""))));
    }
}
