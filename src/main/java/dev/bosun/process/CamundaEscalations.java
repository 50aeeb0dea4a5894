package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Completes the task's open {@code UserTask_Escalation} with the decision and guidance. */
@Component
class CamundaEscalations implements Escalations {

    private final TaskService tasks;

    CamundaEscalations(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void decide(String taskId, Decision decision, String guidance) {
        Task escalation = tasks.createTaskQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .processInstanceBusinessKey(taskId)
                .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                .singleResult();
        if (escalation == null) {
            throw new NoOpenEscalationException(taskId);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.DECISION, decision.wireName());
        variables.put(ProcessVariables.GUIDANCE, TextValues.head(guidance == null ? "" : guidance));
        tasks.complete(escalation.getId(), variables);
    }
}
