package dev.bosun.process;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Completes the task's open {@code UserTask_Escalation} with the decision and guidance; a
 * {@code merge} of a branch with no commits ahead of trunk is refused before anything changes.
 */
@Component
class CamundaEscalations implements Escalations {

    private final TaskService tasks;
    private final MergeableBranches mergeable;

    CamundaEscalations(TaskService tasks, MergeableBranches mergeable) {
        this.tasks = tasks;
        this.mergeable = mergeable;
    }

    @Override
    public void decide(
            String taskId,
            Decision decision,
            @Nullable String guidance,
            @Nullable String reason,
            @Nullable Decider decider) {
        Task escalation = tasks.createTaskQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .processInstanceBusinessKey(taskId)
                .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                .singleResult();
        if (escalation == null) {
            throw new NoOpenEscalationException(taskId);
        }
        if (decision == Decision.MERGE) {
            requireSomethingToMerge(taskId, escalation);
        }
        VariableMap variables = Variables.createVariables();
        variables.put(ProcessVariables.DECISION, decision.wireName());
        variables.put(ProcessVariables.GUIDANCE, TextValues.head(guidance == null ? "" : guidance));
        if (reason != null && !reason.isBlank()) {
            variables.put(ProcessVariables.DECISION_REASON, TextValues.head(reason));
        }
        if (decider != null) {
            // Transient: only the decision's listener reads them, in this transaction.
            variables.putValueTyped(ProcessVariables.DECIDER_NAME, Variables.stringValue(decider.name(), true));
            variables.putValueTyped(ProcessVariables.DECIDER_VIA, Variables.stringValue(decider.via(), true));
        }
        tasks.complete(escalation.getId(), variables);
    }

    private void requireSomethingToMerge(String taskId, Task escalation) {
        mergeable
                .refusal(
                        taskId,
                        tasks.getVariable(escalation.getId(), ProcessVariables.MEMBER),
                        tasks.getVariable(escalation.getId(), ProcessVariables.BRANCH))
                .ifPresent(reason -> {
                    throw new TaskLifecycle.TaskRefusedException(
                            TaskLifecycle.TaskRefusedException.Kind.CONFLICT, "decision", reason);
                });
    }
}
