package dev.bosun.merge;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bosun.workspace.Worktree;

/**
 * A task branch to merge into trunk.
 *
 * @param taskId        the task, recorded as a {@code Bosun-Task:} trailer on the merge commit
 * @param title         the task's title, the merge commit's subject
 * @param worktree      the engineer's worktree with the task branch checked out
 * @param testedCommit  the commit whose test run was green (null when forced)
 * @param forced        a human decided to merge despite red tests: no re-test, recorded as such
 * @param testCommand   argv of the test gate, re-run when trunk moved since the tests passed
 * @param testTimeout   timeout of that re-run
 * @param protectedPaths the team's protected-path globs, on top of the ones always protected
 * @param approvedHead  the branch head whose change of protected paths a human accepted; null
 *                      when none was (then such a branch is not merged)
 */
public record MergeRequest(
        String taskId,
        String title,
        Worktree worktree,
        @Nullable String testedCommit,
        boolean forced,
        List<String> testCommand,
        Duration testTimeout,
        List<String> protectedPaths,
        @Nullable String approvedHead) {
    public MergeRequest {
        testCommand = List.copyOf(testCommand);
        protectedPaths = List.copyOf(protectedPaths);
    }
}
