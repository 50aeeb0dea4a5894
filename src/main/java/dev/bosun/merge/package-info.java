/** The merge lock (a lease in the engine's database) and the rebase, re-test, fast-forward merge. */
package dev.bosun.merge;
