package dev.bosun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/** Plays Bosun's workers in tests that switch them off: locks a task's external task and reports it. */
public final class WorkerStandIn {

    private static final String WORKER = "worker-stand-in";

    private final ExternalTaskService externalTasks;

    public WorkerStandIn(ExternalTaskService externalTasks) {
        this.externalTasks = externalTasks;
    }

    public void complete(String taskId, String topic, Map<String, Object> variables) {
        externalTasks.complete(lock(taskId, topic).getId(), WORKER, variables);
    }

    public void bpmnError(String taskId, String topic, String code, String message, Map<String, Object> variables) {
        externalTasks.handleBpmnError(lock(taskId, topic).getId(), WORKER, code, message, variables);
    }

    private LockedExternalTask lock(String taskId, String topic) {
        List<LockedExternalTask> locked = externalTasks
                .fetchAndLock(10, WORKER)
                .topic(topic, 10_000)
                .businessKey(taskId)
                .execute();
        assertThat(locked).as("one %s task waiting in task %s", topic, taskId).hasSize(1);
        return locked.get(0);
    }
}
