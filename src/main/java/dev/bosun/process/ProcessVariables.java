package dev.bosun.process;

/** Names of the task-lifecycle's process variables (see the BPMN's expressions); read them with {@link TaskVariables}. */
public final class ProcessVariables {

    public static final String TASK_ID = "taskId";
    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String PRIORITY = "priority";
    /** Numeric external-task priority derived from {@link #PRIORITY}. */
    public static final String PRIORITY_VALUE = "priorityValue";
    /**
     * A {@link TaskStatus#setByTheProcess()} wire name, set by the BPMN's listeners; blocked and
     * cancelled are never stored here (the board's read model derives them).
     */
    public static final String STATUS = "status";

    public static final String MEMBER = "member";
    /**
     * Where the task is in its node's merge queue ("waiting in the merge queue", "in a batch of 3
     * ..."), for Cockpit; written by {@link MergeQueueVariable}, last value kept in the history.
     */
    public static final String MERGE_QUEUE = "mergeQueue";
    /** Set once the manager reviewed the task: a second exhaustion of retries goes to a human. */
    public static final String REVIEWED_BY = "reviewedBy";
    /** Who wrote the current guidance: the reviewing manager's name, or human. */
    public static final String GUIDANCE_FROM = "guidanceFrom";
    /** Who added the task: a member ({@code bosun task add} from an agent's turn) or human. */
    public static final String CREATED_BY = "createdBy";
    /** The member a human assigned a waiting task to ({@code bosun assign}); absent: any idle engineer. */
    public static final String ASSIGNED_TO = "assignedTo";
    /**
     * The manager a task names ({@code bosun task add --manager}): only its engineers claim the task
     * and it reviews the failures (see {@link ManagerReviews}); absent: any engineer.
     */
    public static final String MANAGER = "manager";
    /** Comma-separated task ids that must be merged before this task is claimed ({@code --depends-on}). */
    public static final String DEPENDS_ON = "dependsOn";

    /** The plan that started the task (absent: added on its own); see {@link PlanVariables}. */
    public static final String PLAN_ID = "planId";

    public static final String BRANCH = "branch";
    /** The attempt being worked on, 1-based; fix turns and guided turns add one. */
    public static final String ATTEMPT = "attempt";
    /** Retries used so far; the engineer gets a fix turn while it is below {@link #MAX_RETRIES}. */
    public static final String RETRIES = "retries";

    public static final String MAX_RETRIES = "maxRetries";
    /** The prompt of the next (or current) code turn. */
    public static final String PROMPT = "prompt";
    /** The agent's conversation id after the last code turn, where its CLI can resume one (claude). */
    public static final String AGENT_SESSION = "agentSession";
    /**
     * How the last code turn failed without working (its exit code and last lines), or null when it
     * worked; a second identical failure escalates ({@link RepeatedFailure}).
     */
    public static final String TURN_FAILURE = "turnFailure";
    /** The node running the instance's agent turn; the steps that supervise the turn run there. */
    public static final String TURN_NODE = "turnNode";
    /** How often the current code turn was restarted for showing no sign of life. */
    public static final String STALL_RESTARTS = "stallRestarts";
    /** What the last stall check did: working, nudged, restarted, stalled (the gateway's conditions). */
    public static final String STALL_ACTION = "stallAction";

    public static final String TURN_EXIT_CODE = "turnExitCode";
    public static final String TURN_TIMED_OUT = "turnTimedOut";
    public static final String COMMITS_AHEAD = "commitsAhead";
    public static final String TESTS_GREEN = "testsGreen";
    public static final String TESTED_COMMIT = "testedCommit";
    /** Last 50 lines of the failing run (tests, rebase), sent back to the engineer. */
    public static final String LAST_OUTPUT = "lastOutput";
    /** One line saying why the last attempt failed. */
    public static final String FAILURE_REASON = "failureReason";

    public static final String MERGED_COMMIT = "mergedCommit";
    /** A human's escalation decision: retry, abandon or merge. */
    public static final String DECISION = "decision";

    public static final String GUIDANCE = "guidance";
    /**
     * Why a human abandoned or merged (optional), given with the decision; recorded with it in
     * {@code BOSUN_DECISION}. Removed when a new escalation starts.
     */
    public static final String DECISION_REASON = "decisionReason";
    /** Who made the last escalation decision (see {@code audit.TaskDecision#by}), set by its listener. */
    public static final String DECIDED_BY = "decidedBy";
    /**
     * Transient, given by Bosun's own API with the completion: who decides there ({@code api-token}
     * or the person the CLI names), which the engine cannot know. Tasklist and /engine-rest leave it
     * out; their user is the engine's authenticated one.
     */
    public static final String DECIDER_NAME = "deciderName";
    /** Transient, with {@link #DECIDER_NAME}: the channel ({@code api}, {@code cli}). */
    public static final String DECIDER_VIA = "deciderVia";
    /** True when a human chose to merge despite red tests. */
    public static final String FORCED_MERGE = "forcedMerge";
    /**
     * The branch head whose change of protected paths the pending escalation shows (set with
     * Error_ProtectedPaths); read and removed when that escalation is decided.
     */
    public static final String PROTECTED_PATHS_COMMIT = "protectedPathsCommit";
    /**
     * The range of trunk that changed during the turn, not written by Bosun (set with
     * Error_TrunkChanged); read and removed when that escalation is decided.
     */
    public static final String TRUNK_CHANGED = "trunkChanged";
    /** The branch head whose change of protected paths a human accepted with {@code merge}. */
    public static final String APPROVED_PROTECTED_PATHS_COMMIT = "approvedProtectedPathsCommit";

    private ProcessVariables() {}
}
