package dev.bosun.process;

/** Ids in {@code processes/task-lifecycle.bpmn} and {@code processes/plan.bpmn} that code and tests refer to. */
public final class ProcessIds {

    public static final String TASK_LIFECYCLE = "task-lifecycle";

    public static final String START_TASK_CREATED = "StartEvent_TaskCreated";
    /** In both processes: checks the variables Bosun starts an instance with. */
    public static final String GATEWAY_START_VARIABLES = "Gateway_StartVariables";
    /** In both processes: where an instance started without them ends at once. */
    public static final String END_MISSING_VARIABLES = "EndEvent_MissingVariables";

    public static final String TASK_CLAIM = "Task_ClaimTask";
    public static final String TASK_PREPARE_WORKTREE = "Task_PrepareWorktree";
    public static final String TASK_CODE_TURN = "Task_CodeTurn";
    public static final String TASK_CHECK_EVIDENCE = "Task_CheckEvidence";
    public static final String GATEWAY_HAS_COMMITS = "Gateway_HasCommits";
    public static final String TASK_RUN_TESTS = "Task_RunTests";
    public static final String GATEWAY_TESTS_GREEN = "Gateway_TestsGreen";
    public static final String TASK_MERGE = "Task_Merge";
    public static final String END_MERGED = "EndEvent_Merged";
    public static final String GATEWAY_RETRIES_LEFT = "Gateway_RetriesLeft";
    public static final String TASK_PREPARE_FIX_TURN = "Task_PrepareFixTurn";
    public static final String GATEWAY_MANAGER_REVIEW = "Gateway_ManagerReview";
    public static final String TASK_MANAGER_REVIEW = "Task_ManagerReview";
    public static final String USER_TASK_ESCALATION = "UserTask_Escalation";
    public static final String GATEWAY_ESCALATION_DECISION = "Gateway_EscalationDecision";
    public static final String TASK_PREPARE_GUIDED_TURN = "Task_PrepareGuidedTurn";
    public static final String TASK_RECLAIM_ENGINEER = "Task_ReclaimEngineer";
    public static final String TASK_RETAKE_WORKTREE = "Task_RetakeWorktree";
    public static final String GATEWAY_TAKEN_UP_FOR = "Gateway_TakenUpFor";
    public static final String END_ABANDONED = "EndEvent_Abandoned";
    public static final String BOUNDARY_REBASE_CONFLICT = "BoundaryEvent_RebaseConflict";
    public static final String BOUNDARY_TESTS_RED_AFTER_REBASE = "BoundaryEvent_TestsRedAfterRebase";
    public static final String BOUNDARY_TEST_COMMAND_MISSING = "BoundaryEvent_TestCommandMissing";
    public static final String BOUNDARY_PROTECTED_PATHS = "BoundaryEvent_ProtectedPaths";
    public static final String BOUNDARY_TRUNK_CHANGED = "BoundaryEvent_TrunkChanged";
    public static final String BOUNDARY_AGENT_CANNOT_WORK = "BoundaryEvent_AgentCannotWork";
    public static final String BOUNDARY_STALL_CHECK = "BoundaryEvent_StallCheck";
    public static final String TASK_SUPERVISE_TURN = "Task_SuperviseTurn";
    public static final String END_TURN_WORKING = "EndEvent_TurnWorking";
    public static final String END_MEMBER_NUDGED = "EndEvent_MemberNudged";
    public static final String END_TURN_RESTARTED = "EndEvent_TurnRestarted";
    public static final String END_TURN_GIVEN_UP = "EndEvent_TurnGivenUp";

    public static final String TOPIC_CLAIM = "bosun-claim";
    public static final String TOPIC_PREPARE_WORKTREE = "bosun-prepare-worktree";
    public static final String TOPIC_CODE_TURN = "bosun-code-turn";
    public static final String TOPIC_CHECK_EVIDENCE = "bosun-check-evidence";
    public static final String TOPIC_RUN_TESTS = "bosun-run-tests";
    public static final String TOPIC_MERGE = "bosun-merge";
    public static final String TOPIC_MANAGER_REVIEW = "bosun-manager-review";
    public static final String TOPIC_SUPERVISE_TURN = "bosun-supervise-turn";

    public static final String ERROR_REBASE_CONFLICT = "Error_RebaseConflict";
    public static final String ERROR_TESTS_RED_AFTER_REBASE = "Error_TestsRedAfterRebase";
    public static final String ERROR_TEST_COMMAND_MISSING = "Error_TestCommandMissing";
    public static final String ERROR_PROTECTED_PATHS = "Error_ProtectedPaths";
    public static final String ERROR_TRUNK_CHANGED = "Error_TrunkChanged";
    public static final String ERROR_AGENT_CANNOT_WORK = "Error_AgentCannotWork";

    public static final String PLAN = "plan";
    public static final String PLAN_START = "StartEvent_PlanRequested";
    public static final String PLAN_TURN = "Task_PlanningTurn";
    public static final String PLAN_VALIDATE = "Task_ValidatePlan";
    public static final String PLAN_GATEWAY_VALID = "Gateway_PlanValid";
    public static final String PLAN_GATEWAY_APPROVAL = "Gateway_ApprovalAsked";
    public static final String PLAN_APPROVE = "UserTask_ApprovePlan";
    public static final String PLAN_GATEWAY_APPROVED = "Gateway_Approved";
    public static final String PLAN_START_TASKS = "Task_StartTasks";
    public static final String PLAN_WATCH = "Task_WatchTasks";
    public static final String PLAN_GATEWAY_OUTCOME = "Gateway_RoundOutcome";
    public static final String PLAN_ESCALATION = "UserTask_PlanEscalation";
    public static final String PLAN_GATEWAY_DECISION = "Gateway_HumanDecision";
    public static final String PLAN_END_DONE = "EndEvent_PlanDone";
    public static final String PLAN_END_FAILED = "EndEvent_PlanFailed";

    public static final String TOPIC_PLAN_TURN = "bosun-plan-turn";
    public static final String TOPIC_PLAN_WATCH = "bosun-plan-watch";

    /** Candidate group of escalations; Tasklist users in it see them. */
    public static final String GROUP_HUMANS = "humans";

    private ProcessIds() {}
}
