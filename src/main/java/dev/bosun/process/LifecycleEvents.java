package dev.bosun.process;

import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

import dev.bosun.events.BosunEvent;

/**
 * Which step of task-lifecycle.bpmn is which audit event, and what it records. Keyed by
 * "activity id/listener event"; the BPMN stays free of logging concerns.
 */
final class LifecycleEvents {

    private static final String START = ExecutionListener.EVENTNAME_START;
    private static final String END = ExecutionListener.EVENTNAME_END;

    private static final Map<String, Function<DelegateExecution, BosunEvent>> EVENTS = Map.ofEntries(
            // END: on START the process instance and its start event both report this activity id.
            on(ProcessIds.START_TASK_CREATED, END, x -> event("task_created", x)
                    .from((String) x.getVariable(ProcessVariables.CREATED_BY))
                    .detail("title", x.getVariable(ProcessVariables.TITLE))
                    .detail("priority", x.getVariable(ProcessVariables.PRIORITY))),
            on(ProcessIds.TASK_CLAIM, END, x -> event("task_claimed", x)),
            on(ProcessIds.TASK_CODE_TURN, START, x -> event("turn_started", x)
                    .detail("attempt", x.getVariable(ProcessVariables.ATTEMPT))),
            on(ProcessIds.TASK_CODE_TURN, END, x -> event("turn_finished", x)
                    .detail("attempt", x.getVariable(ProcessVariables.ATTEMPT))
                    .detail("exitCode", x.getVariable(ProcessVariables.TURN_EXIT_CODE))
                    .detail("timedOut", x.getVariable(ProcessVariables.TURN_TIMED_OUT))),
            on(ProcessIds.GATEWAY_TESTS_GREEN, START, x -> Boolean.TRUE.equals(x.getVariable(ProcessVariables.TESTS_GREEN))
                    ? event("tests_passed", x).detail("commit", x.getVariable(ProcessVariables.TESTED_COMMIT))
                    : event("tests_failed", x).reason(reason(x))),
            on(ProcessIds.BOUNDARY_TESTS_RED_AFTER_REBASE, START, x -> event("tests_failed", x).reason(reason(x))
                    .detail("afterRebase", true)),
            on(ProcessIds.BOUNDARY_TEST_COMMAND_MISSING, START, x -> event("tests_failed", x).reason(reason(x))),
            on(ProcessIds.TASK_PREPARE_FIX_TURN, END, x -> event("retry_sent", x).reason(reason(x))
                    .detail("attempt", x.getVariable(ProcessVariables.ATTEMPT))),
            on(ProcessIds.TASK_MANAGER_REVIEW, END, x -> event("task_reviewed", x)
                    .from(String.valueOf(x.getVariable(ProcessVariables.REVIEWED_BY)))
                    .reason(TextValues.reason(String.valueOf(x.getVariable(ProcessVariables.GUIDANCE))))),
            on(ProcessIds.USER_TASK_ESCALATION, START, x -> event("task_escalated", x).reason(reason(x))),
            on(ProcessIds.USER_TASK_ESCALATION, END, x -> event("escalation_resolved", x)
                    .reason(String.valueOf(x.getVariable(ProcessVariables.DECISION)))),
            on(ProcessIds.TASK_MERGE, START, x -> event("merge_started", x)
                    .detail("forced", x.getVariable(ProcessVariables.FORCED_MERGE))),
            on(ProcessIds.BOUNDARY_REBASE_CONFLICT, START, x -> event("rebase_conflict", x).reason(reason(x))),
            on(ProcessIds.END_MERGED, START, x -> event("task_merged", x)
                    .detail("commit", x.getVariable(ProcessVariables.MERGED_COMMIT))),
            on(ProcessIds.END_ABANDONED, START, x -> event("task_abandoned", x)));

    private LifecycleEvents() {
    }

    /** The audit event for this listener call, or null when the step is not one. */
    static BosunEvent of(DelegateExecution execution) {
        var factory = EVENTS.get(execution.getCurrentActivityId() + "/" + execution.getEventName());
        return factory == null ? null : factory.apply(execution);
    }

    private static Map.Entry<String, Function<DelegateExecution, BosunEvent>> on(
            String activityId, String listenerEvent, Function<DelegateExecution, BosunEvent> factory) {
        return Map.entry(activityId + "/" + listenerEvent, factory);
    }

    private static BosunEvent event(String name, DelegateExecution execution) {
        Object member = execution.getVariable(ProcessVariables.MEMBER);
        Object status = execution.getVariable(ProcessVariables.STATUS);
        return BosunEvent.of(name, execution.getProcessBusinessKey())
                .member(member == null ? null : member.toString())
                .to(status == null ? null : status.toString());
    }

    private static String reason(DelegateExecution execution) {
        return TextValues.read(execution.getVariable(ProcessVariables.FAILURE_REASON));
    }
}
