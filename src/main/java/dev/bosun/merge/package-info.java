/**
 * The merge, under the {@code merge} lease of the lease area: the journal of Bosun's merge commits (same
 * database), protected paths, the rebase, re-test, fast-forward merge, and the trunk watch that
 * notices trunk written by anyone else.
 */
@NullMarked
package dev.bosun.merge;

import org.jspecify.annotations.NullMarked;
