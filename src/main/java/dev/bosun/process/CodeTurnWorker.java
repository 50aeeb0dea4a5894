package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberBriefing;
import dev.bosun.agent.TurnResult;
import dev.bosun.merge.TrunkWatch;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Task_CodeTurn: one turn of the engineer's agent in its worktree with the prompt. Trunk is
 * Bosun's to write: if it moved during the turn other than by Bosun's merges, the task escalates.
 */
@Component
class CodeTurnWorker implements TopicWorker {

    private final Worktrees worktrees;
    private final AgentTurn agent;
    private final MemberBriefing briefing;
    private final TrunkWatch trunk;

    CodeTurnWorker(Worktrees worktrees, AgentTurn agent, MemberBriefing briefing, TrunkWatch trunk) {
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
    public WorkResult work(WorkItem item) {
        String member = item.string(ProcessVariables.MEMBER);
        String taskId = item.string(ProcessVariables.TASK_ID);
        int attempt = item.integer(ProcessVariables.ATTEMPT);
        Worktree worktree = TaskWorktrees.prepare(worktrees, item);
        String trunkBefore = trunk.tip();
        TurnResult turn = agent.run(briefing.turn(
                member,
                taskId,
                attempt,
                worktree.path(),
                item.string(ProcessVariables.PROMPT),
                item.stringOr(ProcessVariables.AGENT_SESSION, null)));
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.TURN_EXIT_CODE, turn.exitCode());
        variables.put(ProcessVariables.TURN_TIMED_OUT, turn.timedOut());
        variables.put(ProcessVariables.LAST_OUTPUT, TextValues.tail(String.join("\n", turn.outputTail())));
        // null too: a turn that could not resume its conversation makes the next one start fresh
        variables.put(ProcessVariables.AGENT_SESSION, turn.sessionId());
        return trunk.foreignChangeSince(trunkBefore)
                .map(range -> {
                    variables.put(ProcessVariables.TRUNK_CHANGED, range);
                    return WorkResult.bpmnError(
                            ProcessIds.ERROR_TRUNK_CHANGED,
                            TextValues.reason(FailureReasons.trunkChanged(range)),
                            variables);
                })
                .orElseGet(() -> WorkResult.complete(variables));
    }
}
