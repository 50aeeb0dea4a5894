package dev.bosun.process;

import java.util.Map;
import java.util.function.BiFunction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.jspecify.annotations.Nullable;

import dev.bosun.events.BosunEvent;

/**
 * Which step of plan.bpmn is which audit event. Keyed by "activity id/listener event", as
 * {@link LifecycleEvents} does for tasks; plan events carry the plan's id as detail {@code plan}.
 */
final class PlanEvents {

    private static final Map<String, BiFunction<String, TaskVariables, @Nullable BosunEvent>> EVENTS = Map.of(
            ProcessIds.PLAN_START + "/end",
            (plan, v) -> MissingStartVariables.startedByBosun(ProcessIds.PLAN, v)
                    ? event("plan_created", plan, v)
                            .from(v.text(PlanVariables.CREATED_BY))
                            .detail("title", v.value(PlanVariables.TITLE))
                            .detail("architect", v.value(PlanVariables.ARCHITECT))
                    : null,
            ProcessIds.PLAN_TURN + "/start",
            (plan, v) -> PlanRounds.status(v) == PlanStatus.REPLANNING
                    ? event("plan_replanned", plan, v).reason(v.text(PlanVariables.FAILURES))
                    : null,
            ProcessIds.PLAN_START_TASKS + "/end",
            // The step that follows sets running; the event says where the plan goes, as task events do.
            (plan, v) -> event("plan_tasks_added", plan, v)
                    .to(PlanStatus.RUNNING.wireName())
                    .detail("tasks", v.list(PlanVariables.ADDED_TASKS)),
            ProcessIds.PLAN_APPROVE + "/start",
            (plan, v) -> event("plan_awaiting_approval", plan, v).reason(v.text(PlanVariables.PLAN_TASKS)),
            ProcessIds.PLAN_APPROVE + "/end",
            (plan, v) -> PlanDecision.APPROVE.wireName().equals(v.text(PlanVariables.PLAN_DECISION))
                    ? event("plan_approved", plan, v)
                    : event("plan_rejected", plan, v).reason(v.text(PlanVariables.GUIDANCE)),
            ProcessIds.PLAN_ESCALATION + "/start",
            (plan, v) -> event("plan_escalated", plan, v).reason(v.text(PlanVariables.ESCALATION_REASON)),
            ProcessIds.PLAN_END_DONE + "/start",
            (plan, v) -> event("plan_done", plan, v),
            ProcessIds.PLAN_END_FAILED + "/start",
            (plan, v) -> event("plan_failed", plan, v).reason(v.text(PlanVariables.ESCALATION_REASON)));

    private PlanEvents() {}

    /** The audit event for this listener call, or null when the step is not one. */
    static @Nullable BosunEvent of(DelegateExecution execution) {
        if (LifecycleEvents.beingCancelled(execution)) {
            return LifecycleEvents.endOfInstance(execution)
                    ? event("plan_cancelled", execution.getProcessBusinessKey(), TaskVariables.of(execution))
                            .to(PlanStatus.CANCELLED.wireName())
                            .reason(LifecycleEvents.deleteReason(execution))
                    : null;
        }
        var factory = EVENTS.get(execution.getCurrentActivityId() + "/" + execution.getEventName());
        return factory == null ? null : factory.apply(execution.getProcessBusinessKey(), TaskVariables.of(execution));
    }

    private static BosunEvent event(String name, String plan, TaskVariables variables) {
        return BosunEvent.of(name, null)
                .to(variables.text(PlanVariables.PLAN_STATUS))
                .detail("plan", plan);
    }
}
