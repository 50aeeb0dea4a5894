/**
 * Git worktrees per engineer, task branches, evidence of work, and test runs at an exact commit
 * in checkouts only Bosun uses ({@code .bosun/checkouts/<member>}).
 */
@NullMarked
package dev.bosun.workspace;

import org.jspecify.annotations.NullMarked;
