package dev.bosun.process;

import java.util.Map;
import java.util.function.BiFunction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.core.instance.CoreExecution;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;
import org.jspecify.annotations.Nullable;

import dev.bosun.events.BosunEvent;

/**
 * Which step of task-lifecycle.bpmn is which audit event, and what it records. Keyed by
 * "activity id/listener event"; the BPMN stays free of logging concerns.
 */
final class LifecycleEvents {

    private static final String START = ExecutionListener.EVENTNAME_START;
    private static final String END = ExecutionListener.EVENTNAME_END;

    private static final Map<String, BiFunction<String, TaskVariables, @Nullable BosunEvent>> EVENTS = Map.ofEntries(
            // END: on START the process instance and its start event both report this activity id.
            on(
                    ProcessIds.START_TASK_CREATED,
                    END,
                    (task, v) -> MissingStartVariables.startedByBosun(ProcessIds.TASK_LIFECYCLE, v)
                            ? event("task_created", task, v)
                                    .from(v.text(ProcessVariables.CREATED_BY))
                                    .detail("title", v.value(ProcessVariables.TITLE))
                                    .detail("priority", v.value(ProcessVariables.PRIORITY))
                            : null),
            on(ProcessIds.TASK_CLAIM, END, (task, v) -> event("task_claimed", task, v)),
            // After an escalation's retry or merge: the engineer may be another one than before.
            on(
                    ProcessIds.TASK_RECLAIM_ENGINEER,
                    END,
                    (task, v) -> event("task_claimed", task, v).detail("takenUpAgain", true)),
            on(
                    ProcessIds.TASK_CODE_TURN,
                    START,
                    (task, v) -> event("turn_started", task, v).detail("attempt", v.value(ProcessVariables.ATTEMPT))),
            on(
                    ProcessIds.TASK_CODE_TURN,
                    END,
                    (task, v) -> event("turn_finished", task, v)
                            .detail("attempt", v.value(ProcessVariables.ATTEMPT))
                            .detail("exitCode", v.value(ProcessVariables.TURN_EXIT_CODE))
                            .detail("timedOut", v.value(ProcessVariables.TURN_TIMED_OUT))),
            on(
                    ProcessIds.GATEWAY_TESTS_GREEN,
                    START,
                    (task, v) -> Boolean.TRUE.equals(v.value(ProcessVariables.TESTS_GREEN))
                            ? event("tests_passed", task, v).detail("commit", v.value(ProcessVariables.TESTED_COMMIT))
                            : event("tests_failed", task, v).reason(reason(v))),
            on(
                    ProcessIds.BOUNDARY_TESTS_RED_AFTER_REBASE,
                    START,
                    (task, v) ->
                            event("tests_failed", task, v).reason(reason(v)).detail("afterRebase", true)),
            on(
                    ProcessIds.BOUNDARY_TEST_COMMAND_MISSING,
                    START,
                    (task, v) -> event("tests_failed", task, v).reason(reason(v))),
            on(
                    ProcessIds.TASK_PREPARE_FIX_TURN,
                    END,
                    (task, v) -> event("retry_sent", task, v)
                            .reason(reason(v))
                            .detail("attempt", v.value(ProcessVariables.ATTEMPT))),
            on(
                    ProcessIds.TASK_MANAGER_REVIEW,
                    END,
                    (task, v) -> event("task_reviewed", task, v)
                            .from(String.valueOf(v.value(ProcessVariables.REVIEWED_BY)))
                            .reason(TextValues.reason(String.valueOf(v.value(ProcessVariables.GUIDANCE))))),
            on(
                    ProcessIds.USER_TASK_ESCALATION,
                    START,
                    (task, v) -> event("task_escalated", task, v).reason(reason(v))),
            on(
                    ProcessIds.USER_TASK_ESCALATION,
                    END,
                    // reason stays the decision (as before); who, the guidance and the human's
                    // reason are details. guidance is there only when one was given.
                    (task, v) -> event("escalation_resolved", task, v)
                            .reason(String.valueOf(v.value(ProcessVariables.DECISION)))
                            .detail("decision", v.value(ProcessVariables.DECISION))
                            .detail("by", v.value(ProcessVariables.DECIDED_BY))
                            .detail("guidance", blankToNull(TextValues.read(v.value(ProcessVariables.GUIDANCE))))
                            .detail(
                                    "decisionReason",
                                    blankToNull(TextValues.read(v.value(ProcessVariables.DECISION_REASON))))),
            on(
                    ProcessIds.TASK_MERGE,
                    START,
                    (task, v) ->
                            event("merge_started", task, v).detail("forced", v.value(ProcessVariables.FORCED_MERGE))),
            on(
                    ProcessIds.BOUNDARY_REBASE_CONFLICT,
                    START,
                    (task, v) -> event("rebase_conflict", task, v).reason(reason(v))),
            on(
                    ProcessIds.END_MERGED,
                    START,
                    (task, v) ->
                            event("task_merged", task, v).detail("commit", v.value(ProcessVariables.MERGED_COMMIT))),
            on(ProcessIds.END_ABANDONED, START, (task, v) -> event("task_abandoned", task, v)));

    private LifecycleEvents() {}

    /** The audit event for this listener call, or null when the step is not one. */
    static @Nullable BosunEvent of(DelegateExecution execution) {
        if (beingCancelled(execution)) {
            return endOfInstance(execution) ? cancelled(execution) : null;
        }
        var factory = EVENTS.get(execution.getCurrentActivityId() + "/" + execution.getEventName());
        return factory == null ? null : factory.apply(execution.getProcessBusinessKey(), TaskVariables.of(execution));
    }

    /**
     * The instance is being deleted: Cockpit's "cancel" ({@code RuntimeService.deleteProcessInstance}),
     * or a parent instance (a plan) cancelling it. Its steps end, but none of them finished, so
     * only the end of the instance itself is an event. The engine's listeners of Spring eventing
     * are built-in ({@code camunda.bpm.eventing.skippable: false}), so this runs even when the
     * deletion skips custom listeners.
     */
    static boolean beingCancelled(DelegateExecution execution) {
        return execution.getProcessInstance() instanceof PvmExecutionImpl instance && instance.isDeleteRoot();
    }

    static boolean endOfInstance(DelegateExecution execution) {
        return END.equals(execution.getEventName())
                && execution instanceof CoreExecution core
                && core.getEventSource() instanceof ProcessDefinitionImpl;
    }

    /** {@code to} is the status the read model derives (the variable still holds the last one set). */
    private static BosunEvent cancelled(DelegateExecution execution) {
        return event("task_cancelled", execution.getProcessBusinessKey(), TaskVariables.of(execution))
                .to(TaskStatus.CANCELLED.wireName())
                .reason(deleteReason(execution));
    }

    /** The reason an instance {@link #beingCancelled} was deleted with. */
    static String deleteReason(DelegateExecution execution) {
        return ((PvmExecutionImpl) execution.getProcessInstance()).getDeleteReason();
    }

    /** @param factory makes the event from the task's id (the business key) and its variables */
    private static Map.Entry<String, BiFunction<String, TaskVariables, @Nullable BosunEvent>> on(
            String activityId, String listenerEvent, BiFunction<String, TaskVariables, @Nullable BosunEvent> factory) {
        return Map.entry(activityId + "/" + listenerEvent, factory);
    }

    private static BosunEvent event(String name, String task, TaskVariables variables) {
        return BosunEvent.of(name, task)
                .member(variables.text(ProcessVariables.MEMBER))
                .to(variables.text(ProcessVariables.STATUS));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String reason(TaskVariables variables) {
        return variables.text(ProcessVariables.FAILURE_REASON);
    }
}
