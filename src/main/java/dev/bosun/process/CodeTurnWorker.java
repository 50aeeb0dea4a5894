package dev.bosun.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.TurnRequest;
import dev.bosun.agent.TurnResult;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/** Task_CodeTurn: one turn of the engineer's agent in its worktree with the prompt. */
@Component
class CodeTurnWorker implements TopicWorker {

    private final Worktrees worktrees;
    private final AgentTurn agent;
    private final BosunProperties properties;
    private final MemberBriefing briefing;

    CodeTurnWorker(Worktrees worktrees, AgentTurn agent, BosunProperties properties, MemberBriefing briefing) {
        this.worktrees = worktrees;
        this.agent = agent;
        this.properties = properties;
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
        Worktree worktree = worktrees.prepare(member, taskId);
        TurnResult turn = agent.run(new TurnRequest(member, taskId, attempt, worktree.path(),
                briefing.prompt(member, item.string(ProcessVariables.PROMPT)), properties.turnTimeout(),
                properties.terminalLog(member), briefing.environment(member, taskId, attempt)));
        return WorkResult.complete(Map.of(
                ProcessVariables.TURN_EXIT_CODE, turn.exitCode(),
                ProcessVariables.TURN_TIMED_OUT, turn.timedOut(),
                ProcessVariables.LAST_OUTPUT, TextValues.tail(String.join("\n", turn.outputTail()))));
    }
}
