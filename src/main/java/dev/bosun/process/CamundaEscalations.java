package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
    public void decide(String taskId, Decision decision, @Nullable String guidance) {
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
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.DECISION, decision.wireName());
        variables.put(ProcessVariables.GUIDANCE, TextValues.head(guidance == null ? "" : guidance));
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
