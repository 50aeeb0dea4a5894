package dev.bosun.process;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Whether the process engine answers: two real queries against its database (deployed process
 * definitions, running lifecycle instances). For the health endpoint, which must not know Camunda.
 */
@Component
public class EngineCheck {

    private final RepositoryService repository;
    private final RuntimeService runtime;

    EngineCheck(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    /** What the engine answered; a failing engine or database throws. */
    public Answer ask() {
        long definitions =
                repository.createProcessDefinitionQuery().latestVersion().count();
        long runningTasks = runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .count();
        return new Answer(definitions, runningTasks);
    }

    /**
     * @param processDefinitions deployed process definitions (latest versions)
     * @param runningTasks       task lifecycle instances that have not ended
     */
    public record Answer(long processDefinitions, long runningTasks) {}
}
