package dev.bosun.process;

import java.util.Comparator;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** {@link MemberTasks} from the running task-lifecycle instances whose {@code member} variable names the member. */
@Component
class CamundaMemberTasks implements MemberTasks {

    private final RuntimeService runtime;

    CamundaMemberTasks(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public Optional<CurrentTask> currentTask(String member) {
        // One task per member; should there ever be two, the one still being worked on counts.
        return runtime
                .createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .variableValueEquals(ProcessVariables.MEMBER, member)
                .list()
                .stream()
                .flatMap(instance -> task(instance).stream())
                .min(Comparator.comparing(CurrentTask::waitsForHuman));
    }

    private Optional<CurrentTask> task(ProcessInstance instance) {
        Object status;
        try {
            status = runtime.getVariable(instance.getId(), ProcessVariables.STATUS);
        } catch (ProcessEngineException endedSinceTheQuery) {
            return Optional.empty();
        }
        return Optional.of(new CurrentTask(
                instance.getBusinessKey(), status == null ? TaskStatus.TODO.wireName() : status.toString()));
    }
}
