package dev.bosun.process;

/** Names of plan.bpmn's process variables (see its expressions); read them with {@link TaskVariables}. */
public final class PlanVariables {

    public static final String PLAN_ID = ProcessVariables.PLAN_ID;
    public static final String TITLE = ProcessVariables.TITLE;
    public static final String GOAL = "goal";
    /** Who asked for the plan: {@code human}, or a member. */
    public static final String CREATED_BY = ProcessVariables.CREATED_BY;
    /** The member whose turns plan: the team's first architect when the plan started. */
    public static final String ARCHITECT = "architect";
    /** True: a human approves the tasks before they start ("Approve plan"). */
    public static final String APPROVAL = "approval";
    /** A {@link PlanStatus} wire name; cancelled is derived by the read model. */
    public static final String PLAN_STATUS = "planStatus";

    /** Planning turns that ended so far; the next one is the architect's attempt number. */
    public static final String PLAN_TURNS = "planTurns";

    /** Plans refused in a row; the architect is sent back while it is at most {@link #MAX_FIXES}. */
    public static final String FIXES = "fixes";

    public static final String MAX_FIXES = "maxFixes";
    /** Replanning turns after failed tasks so far; a human decides once it reaches {@link #MAX_REPLANS}. */
    public static final String REPLANS = "replans";

    public static final String MAX_REPLANS = "maxReplans";
    /** valid, invalid or gave-up (a replanning turn that added no task), set by Task_ValidatePlan. */
    public static final String PLAN_VERDICT = "planVerdict";
    /** What was wrong with the last plan, one problem per line; the next planning turn gets it. */
    public static final String PLAN_PROBLEMS = "planProblems";
    /** The held tasks, one per line, for the person approving the plan. */
    public static final String PLAN_TASKS = "planTasks";
    /** Ids of every task the plan started, comma-separated. */
    public static final String STARTED_TASKS = "startedTasks";
    /** Ids the last Task_StartTasks started, comma-separated. */
    public static final String ADDED_TASKS = "addedTasks";
    /** done or failures, set by the plan watch when no task of the plan can move any more. */
    public static final String ROUND_OUTCOME = "roundOutcome";
    /** What failed in the round, one task per line; the replanning turn gets it. */
    public static final String FAILURES = "failures";
    /** Ids of failed or blocked tasks already handed to a replanning turn (or a human). */
    public static final String HANDLED_FAILURES = "handledFailures";
    /** Why the plan waits for a human on "Plan needs a human". */
    public static final String ESCALATION_REASON = "escalationReason";
    /** A {@link PlanDecision} wire name, set by the human task's form or the API. */
    public static final String PLAN_DECISION = "planDecision";
    /** A human's guidance for the next planning turn (reject, replan); the turn clears it. */
    public static final String GUIDANCE = ProcessVariables.GUIDANCE;

    public static final String VERDICT_VALID = "valid";
    public static final String VERDICT_INVALID = "invalid";
    public static final String VERDICT_GAVE_UP = "gave-up";
    public static final String OUTCOME_DONE = "done";
    public static final String OUTCOME_FAILURES = "failures";

    private PlanVariables() {}
}
