package dev.bosun.process;

import java.util.Map;

import org.springframework.core.env.Environment;
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
    private final Environment environment;

    CodeTurnWorker(Worktrees worktrees, AgentTurn agent, BosunProperties properties, Environment environment) {
        this.worktrees = worktrees;
        this.agent = agent;
        this.properties = properties;
        this.environment = environment;
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
                item.string(ProcessVariables.PROMPT), properties.turnTimeout(),
                properties.logsDir().resolve(member + ".log"), agentEnvironment(member, taskId, attempt)));
        return WorkResult.complete(Map.of(
                ProcessVariables.TURN_EXIT_CODE, turn.exitCode(),
                ProcessVariables.TURN_TIMED_OUT, turn.timedOut(),
                ProcessVariables.LAST_OUTPUT, TextValues.tail(String.join("\n", turn.outputTail()))));
    }

    /** What every agent learns about its turn; commits are authored by the engineer, not by Bosun. */
    private Map<String, String> agentEnvironment(String member, String taskId, int attempt) {
        String email = member + "@bosun.local";
        return Map.of(
                "BOSUN_URL", "http://localhost:" + environment.getProperty("local.server.port", "8080"),
                "BOSUN_MEMBER", member,
                "BOSUN_TASK", taskId,
                "BOSUN_ATTEMPT", Integer.toString(attempt),
                "GIT_AUTHOR_NAME", member,
                "GIT_AUTHOR_EMAIL", email,
                "GIT_COMMITTER_NAME", member,
                "GIT_COMMITTER_EMAIL", email);
    }
}
