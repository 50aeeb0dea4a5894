package dev.bosun.merge;

import java.util.List;

import dev.bosun.workspace.TestResult;

/** How a merge ended. Every outcome leaves the engineer's commits on its branch or on trunk. */
public sealed interface MergeOutcome {

    /** Trunk now contains the task; {@code alreadyMerged} when an earlier run had done it. */
    record Merged(String mergeCommit, boolean alreadyMerged) implements MergeOutcome {}

    /**
     * Rebasing onto trunk left nothing: every change of the branch is already on trunk (another
     * task made the same change). Trunk is unchanged, no merge commit was made; the branch keeps
     * its commits and stays checked out.
     *
     * @param trunkTip the trunk commit that already holds the change
     */
    record AlreadyOnTrunk(String trunkTip) implements MergeOutcome {}

    /** Rebasing onto trunk conflicted; the rebase was aborted, the branch is unchanged. */
    record Conflict(List<String> files) implements MergeOutcome {
        public Conflict {
            files = List.copyOf(files);
        }
    }

    /** Trunk had moved, the rebased branch was re-tested and is red; trunk is unchanged. */
    record TestsRed(TestResult result) implements MergeOutcome {}

    /**
     * The branch changes protected paths and no human accepted this head: not merged, trunk and
     * branch unchanged.
     *
     * @param files the protected paths the branch changes (since its merge-base with trunk)
     * @param diff  {@code git diff} of those paths, for the human who decides
     * @param head  the branch head that was checked, the one a human's approval must name
     */
    record ProtectedPathsTouched(List<String> files, String diff, String head) implements MergeOutcome {
        public ProtectedPathsTouched {
            files = List.copyOf(files);
        }
    }
}
