package dev.bosun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;

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

    /** A code turn that ends without a commit, and the evidence check that finds none: one failed attempt. */
    public void turnWithoutCommits(String taskId) {
        complete(
                taskId,
                ProcessIds.TOPIC_CODE_TURN,
                Map.of(ProcessVariables.TURN_EXIT_CODE, 0, ProcessVariables.TURN_TIMED_OUT, false));
        complete(
                taskId,
                ProcessIds.TOPIC_CHECK_EVIDENCE,
                Map.of(ProcessVariables.COMMITS_AHEAD, 0, ProcessVariables.FAILURE_REASON, "no commits"));
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
