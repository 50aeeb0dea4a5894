package dev.bosun.process;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.bosun.merge.MergeQueueObserver;

/**
 * Makes the merge queue visible in Cockpit: the task's place in its node's queue is the process
 * variable {@value ProcessVariables#MERGE_QUEUE} of its instance (the Variables tab while it
 * waits in {@code Task_Merge}; the history keeps each value). The queue calls this only while the
 * task's own merge waits, so the write never meets the instance's next step.
 */
@Component
class MergeQueueVariable implements MergeQueueObserver {

    private static final Logger log = LoggerFactory.getLogger(MergeQueueVariable.class);

    private final RuntimeService runtime;

    MergeQueueVariable(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void queueStateChanged(String taskId, String state) {
        try {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                    .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                    .processInstanceBusinessKey(taskId)
                    .list()) {
                runtime.setVariable(instance.getId(), ProcessVariables.MERGE_QUEUE, state);
            }
        } catch (ProcessEngineException e) {
            // Only what Cockpit shows is lost; the merge goes on.
            log.warn("task {}: merge-queue state not written to its instance: {}", taskId, e.toString());
        }
    }
}
