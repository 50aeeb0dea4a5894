/** Git worktrees per engineer, task branches, evidence of work, and test runs in a worktree. */
package dev.bosun.workspace;
