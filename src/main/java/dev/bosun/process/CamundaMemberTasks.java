package dev.bosun.process;

import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** {@link MemberTasks} from the running task-lifecycle instances holding the member ({@link EngineerHolds}). */
@Component
class CamundaMemberTasks implements MemberTasks {

    private final RuntimeService runtime;

    CamundaMemberTasks(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public Optional<CurrentTask> currentTask(String member) {
        return EngineerHolds.of(runtime, member).list().stream()
                .flatMap(instance -> task(instance).stream())
                .findFirst();
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
