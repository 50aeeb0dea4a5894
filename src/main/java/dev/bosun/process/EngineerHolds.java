package dev.bosun.process;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;

/**
 * Which running lifecycle instances keep an engineer from taking another task, in the engine's
 * terms: those naming it in {@code member} whose status holds it ({@link TaskStatus#holdsItsEngineer}).
 * An escalated task keeps naming its engineer (its branch, the board, the audit) but releases it,
 * because a human's answer can take hours and a team of one would stop meanwhile.
 */
final class EngineerHolds {

    private EngineerHolds() {}

    /** The instances holding {@code member}: at most one, as the claim hands out one at a time. */
    static ProcessInstanceQuery of(RuntimeService runtime, String member) {
        // Process-set statuses that hold nobody; the engine's query has no "in" for variable values.
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .variableValueEquals(ProcessVariables.MEMBER, member)
                .variableValueNotEquals(ProcessVariables.STATUS, TaskStatus.ESCALATED.wireName())
                .variableValueNotEquals(ProcessVariables.STATUS, TaskStatus.TODO.wireName());
    }
}
