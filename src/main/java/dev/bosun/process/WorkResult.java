package dev.bosun.process;

import java.util.Map;

/** What a worker tells the engine when its work is done. */
public sealed interface WorkResult {

    /** The step succeeded; the variables are set on the process instance. */
    record Complete(Map<String, Object> variables) implements WorkResult {}

    /** A business outcome modelled in the BPMN as an error boundary event. */
    record BpmnError(String errorCode, String message, Map<String, Object> variables) implements WorkResult {}

    /** A passing problem (the merge lock was busy): the engine retries later, then raises an incident. */
    record RetryLater(String message) implements WorkResult {}

    static WorkResult complete(Map<String, Object> variables) {
        return new Complete(variables);
    }

    static WorkResult bpmnError(String errorCode, String message, Map<String, Object> variables) {
        return new BpmnError(errorCode, message, variables);
    }
}
