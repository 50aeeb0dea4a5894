package dev.bosun.process;

import org.jspecify.annotations.Nullable;

import dev.bosun.process.TaskLifecycle.TaskRefusedException;

/**
 * Starts, feeds, decides and cancels plans (processes/plan.bpmn). The port through which use cases
 * reach the engine for plans.
 *
 * <p>Contract: thread-safe; ids are unique across nodes sharing a database; every change is
 * committed when a method returns. Refusals are {@link TaskRefusedException}s naming the field.
 */
public interface Plans {

    /** @throws TaskRefusedException when the team has no architect */
    String start(NewPlan plan);

    /**
     * Holds a task for the plan's planning turn under way: it starts when the turn ends and the
     * plan is checked (and approved, if asked).
     *
     * @param caller the member adding it (the plan's architect) or {@code human}
     * @return the task's id
     * @throws TaskRefusedException when the plan is unknown (404), in no planning turn (409), or
     *     the caller is another member (403)
     */
    String hold(String planId, NewTask task, String caller);

    /**
     * Cancels a plan that has not ended: its tasks' instances are deleted (their running agents are
     * stopped, their branches kept, they show cancelled), its held tasks dropped, then the plan.
     *
     * @throws TaskRefusedException unknown (404) or already ended (409)
     */
    void cancel(String planId, String by);

    /**
     * Completes the plan's waiting human task ("Approve plan": approve or reject; "Plan needs a
     * human": replan or fail), as Tasklist does.
     *
     * @param guidance for the next planning turn (reject, replan), or null
     * @throws TaskRefusedException unknown plan (404), no human task waiting (409), or a decision
     *     the waiting task does not offer (400, field decision)
     */
    default void decide(String planId, PlanDecision decision, String guidance) {
        decide(planId, decision, guidance, null);
    }

    /**
     * As {@link #decide(String, PlanDecision, String)}, recorded as decided by {@code decider}
     * (null: the engine's authenticated user, else {@code unknown}).
     */
    void decide(String planId, PlanDecision decision, String guidance, Escalations.@Nullable Decider decider);
}
