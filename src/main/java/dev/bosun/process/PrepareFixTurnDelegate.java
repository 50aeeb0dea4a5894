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
        int attempt = number(execution, ProcessVariables.ATTEMPT) + 1;
        int maxRetries = number(execution, ProcessVariables.MAX_RETRIES);
        execution.setVariable(ProcessVariables.RETRIES, number(execution, ProcessVariables.RETRIES) + 1);
        execution.setVariable(ProcessVariables.ATTEMPT, attempt);
        execution.setVariable(ProcessVariables.PROMPT, TextValues.store(TaskPrompts.fixTurn(
                text(execution, ProcessVariables.TASK_ID), text(execution, ProcessVariables.TITLE),
                text(execution, ProcessVariables.BODY), attempt, maxRetries + 1,
                text(execution, ProcessVariables.FAILURE_REASON), text(execution, ProcessVariables.LAST_OUTPUT))));
    }

    static int number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? "" : TextValues.read(value);
    }
}
