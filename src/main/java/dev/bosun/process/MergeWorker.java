package dev.bosun.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.merge.MergeLockTimeoutException;
import dev.bosun.merge.MergeOutcome;
import dev.bosun.merge.MergeRequest;
import dev.bosun.merge.MergeRetryLaterException;
import dev.bosun.merge.Merger;
import dev.bosun.workspace.Worktree;

/**
 * Task_Merge: through the node's merge queue (batches under the lock; a round stopped before it
 * decided this task, or a busy lock, is tried later); conflicts and red re-tests go back to the
 * engineer, a change of protected paths goes to a human, a change already on trunk ends merged
 * with trunk's tip as its commit and a note in {@code lastOutput}.
 */
@Component
class MergeWorker implements TopicWorker {

    private final Merger merger;
    private final BosunProperties properties;

    MergeWorker(Merger merger, BosunProperties properties) {
        this.merger = merger;
        this.properties = properties;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_MERGE;
    }

    @Override
    public WorkResult work(WorkItem item) {
        String member = item.string(ProcessVariables.MEMBER);
        // Not Worktrees.prepare: after a crash mid-merge the branch may already be merged and gone.
        Worktree worktree = new Worktree(
                member,
                item.string(ProcessVariables.BRANCH),
                properties.worktreesDir().resolve(member));
        MergeRequest request = new MergeRequest(
                item.string(ProcessVariables.TASK_ID),
                item.string(ProcessVariables.TITLE),
                worktree,
                item.stringOr(ProcessVariables.TESTED_COMMIT, null),
                item.flag(ProcessVariables.FORCED_MERGE),
                properties.testCommand(),
                properties.testTimeout(),
                properties.protectedPaths(),
                item.stringOr(ProcessVariables.APPROVED_PROTECTED_PATHS_COMMIT, null));
        try {
            return translate(merger.merge(request));
        } catch (MergeLockTimeoutException | MergeRetryLaterException e) {
            return new WorkResult.RetryLater(e.getMessage());
        }
    }

    private WorkResult translate(MergeOutcome outcome) {
        if (outcome instanceof MergeOutcome.Conflict conflict) {
            return WorkResult.bpmnError(
                    ProcessIds.ERROR_REBASE_CONFLICT,
                    TextValues.reason(FailureReasons.rebaseConflict(properties.trunk(), conflict.files())),
                    Map.of(
                            ProcessVariables.LAST_OUTPUT,
                            TextValues.head("conflicting files:\n" + String.join("\n", conflict.files()))));
        }
        if (outcome instanceof MergeOutcome.TestsRed red) {
            return WorkResult.bpmnError(
                    ProcessIds.ERROR_TESTS_RED_AFTER_REBASE,
                    TextValues.reason(FailureReasons.testsRedAfterRebase(red.result(), properties.trunk())),
                    Map.of(
                            ProcessVariables.LAST_OUTPUT,
                            TextValues.tail(red.result().tailText())));
        }
        if (outcome instanceof MergeOutcome.ProtectedPathsTouched touched) {
            return WorkResult.bpmnError(
                    ProcessIds.ERROR_PROTECTED_PATHS,
                    TextValues.reason(FailureReasons.protectedPaths(touched.files())),
                    Map.of(
                            ProcessVariables.LAST_OUTPUT,
                            TextValues.head(touched.diff()),
                            ProcessVariables.PROTECTED_PATHS_COMMIT,
                            touched.head()));
        }
        if (outcome instanceof MergeOutcome.AlreadyOnTrunk already) {
            // Done, not failed: a retry or an escalation could only produce the same empty branch.
            return WorkResult.complete(Map.of(
                    ProcessVariables.MERGED_COMMIT,
                    already.trunkTip(),
                    ProcessVariables.LAST_OUTPUT,
                    TextValues.head(FailureReasons.alreadyOnTrunk(properties.trunk(), already.trunkTip()))));
        }
        MergeOutcome.Merged merged = (MergeOutcome.Merged) outcome;
        return WorkResult.complete(Map.of(ProcessVariables.MERGED_COMMIT, merged.mergeCommit()));
    }
}
