package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.bosun.agent.AgentStartException;
import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberBriefing;
import dev.bosun.agent.TaskPrompts;
import dev.bosun.agent.TurnControl;
import dev.bosun.agent.TurnResult;
import dev.bosun.merge.TrunkWatch;
import dev.bosun.team.Roster;
import dev.bosun.usage.BudgetCheck;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Task_CodeTurn: one turn of the engineer's agent in its worktree with the prompt. Trunk is
 * Bosun's to write: if it moved during the turn other than by Bosun's merges, the task escalates
 * ({@code BoundaryEvent_TrunkChanged}). An agent that cannot work escalates at once instead of
 * burning its retries ({@code BoundaryEvent_AgentCannotWork}): its binary cannot be started, or it
 * failed without working exactly as its previous turn did ({@link RepeatedFailure}), or it showed
 * no sign of life through every restart Task_SuperviseTurn gave it (stalled), or the task (or its
 * plan) has spent its budget (checked before the agent runs, so no turn starts over budget). A restart cuts the
 * running agent and runs the turn again here, resuming its conversation where the CLI can.
 */
@Component
class CodeTurnWorker implements TopicWorker {

    private final Worktrees worktrees;
    private final AgentTurn agent;
    private final MemberBriefing briefing;
    private final TrunkWatch trunk;
    private final BudgetCheck budget;
    private final Roster roster;

    CodeTurnWorker(
            Worktrees worktrees,
            AgentTurn agent,
            MemberBriefing briefing,
            TrunkWatch trunk,
            BudgetCheck budget,
            Roster roster) {
        this.budget = budget;
        this.roster = roster;
        this.trunk = trunk;
        this.worktrees = worktrees;
        this.agent = agent;
        this.briefing = briefing;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_CODE_TURN;
    }

    @Override
    public boolean runsTheTurn() {
        return true;
    }

    @Override
    public WorkResult work(WorkItem item) {
        String member = item.string(ProcessVariables.MEMBER);
        String taskId = item.string(ProcessVariables.TASK_ID);
        int attempt = item.integer(ProcessVariables.ATTEMPT);
        Optional<String> overBudget =
                budget.exceeded(roster.team().budget(), taskId, item.stringOr(ProcessVariables.PLAN_ID, null));
        if (overBudget.isPresent()) {
            // Before the agent runs: what was spent is spent, the next turn would spend more.
            return WorkResult.bpmnError(
                    ProcessIds.ERROR_AGENT_CANNOT_WORK,
                    TextValues.reason(FailureReasons.budgetExceeded(overBudget.get())),
                    Map.of());
        }
        Worktree worktree = TaskWorktrees.prepare(worktrees, item);
        String trunkBefore = trunk.tip();
        String headBefore = worktrees.head(worktree);
        TurnResult turn;
        try {
            turn = runWithRestarts(item, member, taskId, attempt, worktree);
        } catch (AgentStartException e) {
            if (!e.agentUnstartable()) {
                throw e; // Bosun's own failure around the agent: an incident, retried once fixed
            }
            return WorkResult.bpmnError(
                    ProcessIds.ERROR_AGENT_CANNOT_WORK,
                    TextValues.reason(e.getMessage()),
                    Map.of(ProcessVariables.LAST_OUTPUT, TextValues.tail(e.getMessage())));
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.TURN_EXIT_CODE, turn.exitCode());
        variables.put(ProcessVariables.TURN_TIMED_OUT, turn.timedOut());
        variables.put(ProcessVariables.LAST_OUTPUT, TextValues.tail(String.join("\n", turn.outputTail())));
        // null too: a turn that could not resume its conversation makes the next one start fresh
        variables.put(ProcessVariables.AGENT_SESSION, turn.sessionId());
        variables.put(ProcessVariables.STALL_RESTARTS, 0);
        if (turn.cut() == TurnControl.Cut.GIVE_UP) {
            return WorkResult.bpmnError(
                    ProcessIds.ERROR_AGENT_CANNOT_WORK,
                    TextValues.reason(FailureReasons.stalled(turn.outputTail())),
                    variables);
        }
        String failure = RepeatedFailure.signature(turn, !headBefore.equals(worktrees.head(worktree)));
        variables.put(ProcessVariables.TURN_FAILURE, failure);
        return trunk.foreignChangeSince(trunkBefore)
                .map(range -> {
                    variables.put(ProcessVariables.TRUNK_CHANGED, range);
                    return WorkResult.bpmnError(
                            ProcessIds.ERROR_TRUNK_CHANGED,
                            TextValues.reason(FailureReasons.trunkChanged(range)),
                            variables);
                })
                .orElseGet(() -> failure != null && failure.equals(item.stringOr(ProcessVariables.TURN_FAILURE, null))
                        ? WorkResult.bpmnError(
                                ProcessIds.ERROR_AGENT_CANNOT_WORK,
                                TextValues.reason(RepeatedFailure.reason(turn)),
                                variables)
                        : WorkResult.complete(variables));
    }

    /** Task_SuperviseTurn may cut the turn for showing no life: it runs again, in its conversation if it has one. */
    private TurnResult runWithRestarts(WorkItem item, String member, String taskId, int attempt, Worktree worktree) {
        String prompt = item.string(ProcessVariables.PROMPT);
        String session = item.stringOr(ProcessVariables.AGENT_SESSION, null);
        TurnResult turn = agent.run(briefing.turn(member, taskId, attempt, worktree.path(), prompt, session));
        while (turn.cut() == TurnControl.Cut.RESTART) {
            session = turn.sessionId() != null ? turn.sessionId() : session;
            turn = agent.run(briefing.turn(
                    member,
                    taskId,
                    attempt,
                    worktree.path(),
                    session == null ? prompt : TaskPrompts.restartedTurn(taskId),
                    session));
        }
        return turn;
    }
}
