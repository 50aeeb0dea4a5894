package dev.bosun.merge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.lease.Lease;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.workspace.CommitTests;
import dev.bosun.workspace.GitCli;
import dev.bosun.workspace.TestResult;

/**
 * {@link Merger} on a local repository: under the merge {@link Lease}, rebase the task branch onto
 * trunk in the engineer's worktree (unless trunk's tip is already in the branch), refuse the
 * result when it changes protected paths unless a human accepted exactly that commit, re-test it
 * in Bosun's own checkout when it is not the tested one, journal the merge commit, then advance
 * trunk by compare-and-swap to it (its first parent is the old tip).
 *
 * <p>Observers hear {@code mergeFinished} with a {@code null} outcome when the merge failed with
 * an exception, so that "started" is always paired with "finished" while the lock is held.
 */
public final class GitMerger implements Merger {

    private static final Logger log = LoggerFactory.getLogger(GitMerger.class);

    private final Trunk trunk;
    private final Lease lock;
    private final MergeJournal journal;
    private final CommitTests tests;
    private final Duration lockWait;
    private final Path logsDir;
    private final List<MergeObserver> observers;
    private final GitCli git = new GitCli();
    /** Makes lock holders unique across nodes: two nodes may merge tasks with the same member. */
    private final NodeIdentity node;

    public GitMerger(
            Path repository,
            String trunk,
            Lease lock,
            NodeIdentity node,
            MergeJournal journal,
            CommitTests tests,
            Duration lockWait,
            Path logsDir,
            List<MergeObserver> observers) {
        this.trunk = new Trunk(repository.toAbsolutePath().normalize(), trunk, git, journal);
        this.lock = lock;
        this.node = node;
        this.journal = journal;
        this.tests = tests;
        this.lockWait = lockWait;
        this.logsDir = logsDir;
        this.observers = List.copyOf(observers);
    }

    @Override
    public MergeOutcome merge(MergeRequest request) {
        // Unique per acquisition: a retry of the same task (after a crash) must never renew or
        // release the lease of the run it replaces.
        String holder =
                node.id() + "/" + request.worktree().member() + "/" + request.taskId() + "/" + UUID.randomUUID();
        long asked = System.nanoTime();
        Optional<Lease.Held> acquired = lock.acquire(holder, lockWait);
        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        observers.forEach(o -> tell(() -> o.lockWaited(request.taskId(), waited, acquired.isPresent())));
        Lease.Held lease = acquired.orElseThrow(() ->
                new MergeLockTimeoutException(holder, lockWait, lock.holder().orElse(null)));
        try (lease) {
            observers.forEach(o -> tell(() -> o.mergeStarted(request.taskId(), holder)));
            MergeOutcome outcome = null;
            try {
                outcome = mergeLocked(request, lease);
                return outcome;
            } finally {
                MergeOutcome finalOutcome = outcome;
                observers.forEach(o -> tell(() -> o.mergeFinished(request.taskId(), holder, finalOutcome)));
            }
        }
    }

    private MergeOutcome mergeLocked(MergeRequest request, Lease.Held lease) {
        TaskWorktree worktree = new TaskWorktree(request.worktree(), git);
        String branch = request.worktree().branch();
        var earlier = trunk.findMergeOf(request.taskId());
        if (earlier.isPresent()) {
            cleanUpAfterEarlierMerge(worktree, branch);
            return new MergeOutcome.Merged(earlier.get().name(), true);
        }
        if (worktree.exists()) {
            worktree.abortOperationInProgress().ifPresent(log::warn);
        }
        if (!worktree.branch().filter(branch::equals).isPresent()) {
            throw new IllegalStateException("worktree " + worktree.path() + " does not have " + branch
                    + " checked out; cannot merge task " + request.taskId());
        }
        // Only committed work is merged; anything else is kept in a stash, never lost.
        worktree.stash("bosun: uncommitted changes of " + branch + " before merging")
                .ifPresent(log::info);
        ObjectId base = trunk.tip();
        ObjectId head = worktree.head();
        if (trunk.contains(base, head)) {
            throw nothingToMerge(request);
        }
        // When trunk's tip is already in the branch (the engineer merged trunk in to resolve a
        // conflict) there is nothing to rebase, and a rebase would drop that merge and replay the
        // original commits into the same conflict again, forever.
        if (!trunk.contains(head, base)) {
            List<String> conflicts = worktree.rebaseOnto(base);
            if (!conflicts.isEmpty()) {
                return new MergeOutcome.Conflict(conflicts);
            }
            ObjectId rebased = worktree.head();
            if (rebased.equals(base)) {
                // Every commit was already on trunk and the rebase dropped it (two tasks made the
                // same change): the task's change is on trunk, so it is done, but nothing is merged
                // and no commit is deleted. The branch goes back to its commits and stays checked
                // out, so a second run of this step (a crash before its result) ends the same way.
                worktree.resetTo(head);
                return new MergeOutcome.AlreadyOnTrunk(base.name());
            }
            head = rebased;
        }
        // Checked on the very commit that is tested and merged, after the rebase: the rebase works
        // on whatever the worktree's branch is by then, which is not necessarily what was read above.
        List<String> touched = protectedPathsTouched(request, base, head);
        if (!touched.isEmpty() && !head.name().equals(request.approvedHead())) {
            return new MergeOutcome.ProtectedPathsTouched(
                    touched, trunk.diffSinceMergeBase(base, head, touched), head.name());
        }
        // Checked before the re-test (the merge commit gets head's tree, so the same files change):
        // without it git refused the fast-forward with its own message after the tests had run.
        Trunk.InTheWay inTheWay = trunk.inTheWay(base, head);
        if (!inTheWay.isEmpty()) {
            throw new CheckoutInTheWayException(checkoutInTheWay(request, base, inTheWay));
        }
        if (!request.forced() && !head.name().equals(request.testedCommit())) {
            TestResult result = tests.run(
                    request.worktree().member(),
                    head.name(),
                    request.testCommand(),
                    request.testTimeout(),
                    logsDir.resolve(request.worktree().member() + "-tests.log"));
            if (!result.green()) {
                return new MergeOutcome.TestsRed(result);
            }
        }
        ObjectId merge = trunk.createMergeCommit(base, head, message(request, !touched.isEmpty()));
        // A long re-test may outlast a lease whose renewals failed; then another merge may be
        // running, and advancing trunk would race it.
        if (!lease.stillHeld()) {
            throw new IllegalStateException("merge lock lease lost before advancing trunk (holder " + lease.holder()
                    + ", task " + request.taskId() + "); " + trunk.name() + " was left at " + base.name()
                    + ", merge again");
        }
        // Journalled first: a crash between the two leaves a row trunk does not contain (ignored),
        // never a Bosun merge on trunk that the journal does not know.
        journal.record(request.taskId(), merge.name());
        trunk.advance(base, merge);
        worktree.detachAt(merge);
        trunk.deleteBranch(branch, head);
        return new MergeOutcome.Merged(merge.name(), false);
    }

    /** A retry after the merge landed (crash before the clean-up): finish the clean-up only. */
    private void cleanUpAfterEarlierMerge(TaskWorktree worktree, String branch) {
        ObjectId tip = trunk.tip();
        if (worktree.exists()) {
            worktree.abortOperationInProgress().ifPresent(log::warn);
        }
        if (worktree.exists() && worktree.branch().filter(branch::equals).isPresent()) {
            worktree.stash("bosun: uncommitted changes of " + branch + " after it was merged")
                    .ifPresent(log::info);
            worktree.detachAt(tip);
        }
        trunk.branchTip(branch)
                .filter(branchTip -> trunk.contains(tip, branchTip))
                .filter(branchTip -> !worktree.exists()
                        || !worktree.branch().filter(branch::equals).isPresent())
                .ifPresent(branchTip -> trunk.deleteBranch(branch, branchTip));
    }

    /** A merge commit would be empty; an incident lets a human look instead of a "merged" lie. */
    private IllegalStateException nothingToMerge(MergeRequest request) {
        return new IllegalStateException("task " + request.taskId() + ": branch "
                + request.worktree().branch() + " has no commits ahead of " + trunk.name() + "; nothing to merge");
    }

    /**
     * Says what is in the way, that nothing was changed, and the way out: the step fails (an
     * incident, so the task shows {@code incident} with this text), and {@code bosun task retry}
     * merges once the files are out of the way.
     */
    private String checkoutInTheWay(MergeRequest request, ObjectId base, Trunk.InTheWay inTheWay) {
        List<String> parts = new java.util.ArrayList<>();
        if (!inTheWay.modified().isEmpty()) {
            parts.add("uncommitted changes to " + names(inTheWay.modified()));
        }
        if (!inTheWay.untracked().isEmpty()) {
            parts.add("untracked " + names(inTheWay.untracked()));
        }
        return "the checkout at " + trunk.repository() + " has " + trunk.name() + " checked out with "
                + String.join(" and ", parts) + ", which merging task " + request.taskId() + " would overwrite; "
                + trunk.name() + " stays at " + base.abbreviate(10).name() + " and your files are untouched."
                + " Commit or stash them (git stash -u), then: bosun task retry " + request.taskId();
    }

    private static String names(List<String> files) {
        int shown = Math.min(files.size(), 5);
        return String.join(", ", files.subList(0, shown))
                + (files.size() > shown ? " and " + (files.size() - shown) + " more" : "");
    }

    /** What of the protected paths the branch changes since it left trunk. */
    private List<String> protectedPathsTouched(MergeRequest request, ObjectId base, ObjectId head) {
        ProtectedPaths paths =
                ProtectedPaths.of(request.protectedPaths(), request.testCommand(), trunk::tracksFileAtTip);
        return paths.touched(trunk.changedSinceMergeBase(base, head));
    }

    static String message(MergeRequest request, boolean approvedProtectedPaths) {
        String title = request.title() == null
                ? ""
                : request.title().replaceAll("\\s+", " ").strip();
        return "Merge task " + request.taskId() + ": " + title + "\n\n"
                + Trunk.TASK_TRAILER + ": " + request.taskId() + "\n"
                + "Bosun-Member: " + request.worktree().member() + "\n"
                + "Bosun-Tests: " + (request.forced() ? "forced-red" : "passed") + "\n"
                + (approvedProtectedPaths ? "Bosun-Approved: protected paths\n" : "");
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("merge observer failed", e);
        }
    }
}
