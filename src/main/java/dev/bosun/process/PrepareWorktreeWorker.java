package dev.bosun.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Task_PrepareWorktree: the engineer's worktree on a fresh task branch from trunk; Task_RetakeWorktree:
 * the branch the task already has, in the worktree of the engineer that took it up again.
 */
@Component
class PrepareWorktreeWorker implements TopicWorker {

    private final Worktrees worktrees;

    PrepareWorktreeWorker(Worktrees worktrees) {
        this.worktrees = worktrees;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_PREPARE_WORKTREE;
    }

    @Override
    public WorkResult work(WorkItem item) {
        Worktree worktree = TaskWorktrees.prepare(worktrees, item);
        return WorkResult.complete(Map.of(ProcessVariables.BRANCH, worktree.branch()));
    }
}
