package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.TaskPrompts;

/** Starts one task-lifecycle instance per task, the task id as its business key. */
@Component
class CamundaTaskLifecycle implements TaskLifecycle {

    private final RuntimeService runtime;
    private final TaskIdSequence ids;
    private final BosunProperties properties;

    CamundaTaskLifecycle(RuntimeService runtime, TaskIdSequence ids, BosunProperties properties) {
        this.runtime = runtime;
        this.ids = ids;
        this.properties = properties;
    }

    @Override
    public String start(NewTask task) {
        String id = Long.toString(ids.next());
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.TASK_ID, id);
        variables.put(ProcessVariables.TITLE, task.title());
        variables.put(ProcessVariables.BODY, TextValues.store(task.body()));
        variables.put(ProcessVariables.PRIORITY, task.priority().label());
        variables.put(ProcessVariables.PRIORITY_VALUE, task.priority().value());
        variables.put(ProcessVariables.STATUS, "todo");
        variables.put(ProcessVariables.ATTEMPT, 1);
        variables.put(ProcessVariables.RETRIES, 0);
        variables.put(ProcessVariables.MAX_RETRIES, properties.maxRetries());
        variables.put(ProcessVariables.PROMPT, TextValues.store(TaskPrompts.firstTurn(id, task.title(), task.body())));
        runtime.startProcessInstanceByKey(ProcessIds.TASK_LIFECYCLE, id, variables);
        return id;
    }
}
