package dev.bosun.process;

import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * The worktree of a step's task: its engineer's, with the task's branch. The branch is read from
 * the instance once it has one, because a task taken up again after an escalation keeps the branch
 * of the engineer that started it ({@code <previous member>/<taskId>}).
 */
final class TaskWorktrees {

    private TaskWorktrees() {}

    /** The task's worktree named without touching it, for a step that only reads its branch. */
    static Worktree locate(Worktrees worktrees, WorkItem item) {
        return worktrees.locate(
                item.string(ProcessVariables.MEMBER),
                item.string(ProcessVariables.TASK_ID),
                item.stringOr(ProcessVariables.BRANCH, null));
    }

    static Worktree prepare(Worktrees worktrees, WorkItem item) {
        return worktrees.prepare(
                item.string(ProcessVariables.MEMBER),
                item.string(ProcessVariables.TASK_ID),
                item.stringOr(ProcessVariables.BRANCH, null));
    }
}
