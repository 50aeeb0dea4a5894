package dev.bosun.merge;

import java.util.List;

import dev.bosun.workspace.TestResult;

/** How a merge ended. Every outcome leaves the engineer's commits on its branch or on trunk. */
public sealed interface MergeOutcome {

    /** Trunk now contains the task; {@code alreadyMerged} when an earlier run had done it. */
    record Merged(String mergeCommit, boolean alreadyMerged) implements MergeOutcome {
    }

    /** Rebasing onto trunk conflicted; the rebase was aborted, the branch is unchanged. */
    record Conflict(List<String> files) implements MergeOutcome {
        public Conflict {
            files = List.copyOf(files);
        }
    }

    /** Trunk had moved, the rebased branch was re-tested and is red; trunk is unchanged. */
    record TestsRed(TestResult result) implements MergeOutcome {
    }
}
