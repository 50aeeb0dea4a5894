package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/** Task_CheckEvidence: the agent's claim counts for nothing; commits ahead of trunk do. */
@Component
class CheckEvidenceWorker implements TopicWorker {

    private final Worktrees worktrees;
    private final BosunProperties properties;

    CheckEvidenceWorker(Worktrees worktrees, BosunProperties properties) {
        this.worktrees = worktrees;
        this.properties = properties;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_CHECK_EVIDENCE;
    }

    @Override
    public WorkResult work(WorkItem item) {
        // Only the branch's commits count, read from the repository: the worktree is not prepared
        // again (Task_RunTests prepares it before it sets uncommitted files aside).
        Worktree worktree = TaskWorktrees.locate(worktrees, item);
        int ahead = worktrees.commitsAheadOfTrunk(worktree);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.COMMITS_AHEAD, ahead);
        if (ahead == 0) {
            variables.put(
                    ProcessVariables.FAILURE_REASON,
                    TextValues.reason(FailureReasons.noCommits(
                            properties.trunk(),
                            item.integer(ProcessVariables.TURN_EXIT_CODE),
                            item.flag(ProcessVariables.TURN_TIMED_OUT),
                            properties.turnTimeout())));
        }
        return WorkResult.complete(variables);
    }
}
