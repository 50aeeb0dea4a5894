package dev.bosun.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/** Task_PrepareWorktree: the engineer's worktree on a fresh task branch from trunk. */
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
        Worktree worktree =
                worktrees.prepare(item.string(ProcessVariables.MEMBER), item.string(ProcessVariables.TASK_ID));
        return WorkResult.complete(Map.of(ProcessVariables.BRANCH, worktree.branch()));
    }
}
