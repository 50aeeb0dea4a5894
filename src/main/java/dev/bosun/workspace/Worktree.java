package dev.bosun.workspace;

import java.nio.file.Path;

/**
 * An engineer's worktree with a task branch checked out.
 *
 * @param member the engineer owning the worktree ({@code .bosun/worktrees/<member>})
 * @param branch the task branch, {@code <member>/<task-id>}
 * @param path   absolute path of the worktree
 */
public record Worktree(String member, String branch, Path path) {}
