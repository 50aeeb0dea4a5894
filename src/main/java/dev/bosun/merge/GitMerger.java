package dev.bosun.merge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.lease.Lease;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.workspace.CommitTests;
import dev.bosun.workspace.GitCli;
import dev.bosun.workspace.GitException;
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
    private final StackWorktree stack;
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
        this.stack = new StackWorktree(this.trunk.repository(), git);
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

    /**
     * One round of the {@link MergeQueue} under the merge lease. Requests that need the single
     * path (forced, approved protected paths, protected paths touched, merges in the branch, an
     * earlier merge found, no branch to stack) run through it alone, after the stack. The others
     * are replayed in order onto trunk's tip in the scratch worktree ({@link StackWorktree}), each
     * prefix a commit; the top is tested once, a red top is bisected (lo known green, hi known red)
     * to the first red prefix, whose request is the culprit ({@link MergeOutcome.TestsRed}); the
     * green prefix merges as ONE merge commit (first parent the old tip, second the stack's commit,
     * a {@code Bosun-Task} trailer per task), journalled per task before trunk moves.
     *
     * <p>Completes the outcome of every request it decides; a request that conflicts with the
     * stack (not with trunk), or comes after the culprit, is returned to go back into the queue.
     * Throws (deciding nothing left undecided) when the lock stays taken or the round fails.
     */
    List<QueuedMerge> mergeBatch(Supplier<List<QueuedMerge>> drain, Consumer<String> progress) {
        String holder = node.id() + "/merge-queue/" + UUID.randomUUID();
        long asked = System.nanoTime();
        Optional<Lease.Held> acquired = lock.acquire(holder, lockWait);
        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        if (acquired.isEmpty()) {
            observers.forEach(o -> tell(() -> o.lockWaited("merge-queue", waited, false)));
            throw new MergeLockTimeoutException(holder, lockWait, lock.holder().orElse(null));
        }
        try (Lease.Held lease = acquired.get()) {
            // Drained only now: whatever queued while the lease was busy joins this batch.
            List<QueuedMerge> batch = drain.get();
            batch.forEach(q ->
                    observers.forEach(o -> tell(() -> o.lockWaited(q.request().taskId(), waited, true))));
            return mergeBatchLocked(batch, lease, holder, progress);
        }
    }

    private List<QueuedMerge> mergeBatchLocked(
            List<QueuedMerge> batch, Lease.Held lease, String holder, Consumer<String> progress) {
        ObjectId base = trunk.tip();
        List<QueuedMerge> alone = new ArrayList<>();
        List<QueuedMerge> candidates = new ArrayList<>();
        List<ObjectId> candidateHeads = new ArrayList<>();
        // Each request's checks run in its own worktree: side by side, they cost one git round trip.
        // A request whose checks fail goes the single path, where the failure is its own, not the batch's.
        List<Optional<ObjectId>> stackable = inParallel(batch, q -> {
            try {
                return stackableHead(q.request(), base);
            } catch (RuntimeException e) {
                log.warn("task {}: not stacked, merged alone: {}", q.request().taskId(), e.toString());
                return Optional.<ObjectId>empty();
            }
        });
        for (int i = 0; i < batch.size(); i++) {
            if (stackable.get(i).isPresent()) {
                candidates.add(batch.get(i));
                candidateHeads.add(stackable.get(i).get());
            } else {
                alone.add(batch.get(i));
            }
        }
        List<QueuedMerge> requeue = new ArrayList<>();
        List<QueuedMerge> members = new ArrayList<>();
        List<ObjectId> heads = new ArrayList<>();
        List<ObjectId> prefixes = new ArrayList<>();
        if (!candidates.isEmpty()) {
            progress.accept("stacking " + candidates.size());
            stack.resetTo(base);
            ObjectId stackTip = base;
            for (int i = 0; i < candidates.size(); i++) {
                Optional<ObjectId> replayed = stack.replay(stackTip, base, candidateHeads.get(i));
                if (replayed.isEmpty() || replayed.get().equals(stackTip)) {
                    // Conflicts with (or is already in) trunk alone: today's single path says so.
                    // With the stack only: next batch, when the stack is on trunk.
                    (members.isEmpty() ? alone : requeue).add(candidates.get(i));
                    continue;
                }
                stackTip = replayed.get();
                members.add(candidates.get(i));
                heads.add(candidateHeads.get(i));
                prefixes.add(stackTip);
            }
        }
        if (!members.isEmpty()) {
            requeue.addAll(testAndMerge(members, heads, prefixes, base, lease, holder, progress));
        }
        for (QueuedMerge queued : alone) {
            queued.state("merging alone");
            progress.accept("merging " + queued.request().taskId() + " alone");
            String own = holder + "/" + queued.request().taskId();
            try {
                MergeOutcome outcome = startedAndFinished(queued, own, () -> mergeLocked(queued.request(), lease));
                queued.outcome().complete(outcome);
            } catch (RuntimeException e) {
                queued.outcome().completeExceptionally(e);
            }
        }
        return requeue;
    }

    /** @return the requests after the culprit, for the next batch */
    private List<QueuedMerge> testAndMerge(
            List<QueuedMerge> members,
            List<ObjectId> heads,
            List<ObjectId> prefixes,
            ObjectId base,
            Lease.Held lease,
            String holder,
            Consumer<String> progress) {
        int n = members.size();
        Trunk.InTheWay inTheWay = trunk.inTheWay(base, prefixes.get(n - 1));
        if (!inTheWay.isEmpty()) {
            throw new CheckoutInTheWayException(checkoutInTheWay(members.get(0).request(), base, inTheWay));
        }
        String testing = n == 1 ? "testing" : "testing batch of " + n;
        members.forEach(q -> q.state(testing));
        progress.accept(testing);
        int lo = 0;
        int hi = n;
        TestResult red = testPrefix(members, prefixes, n);
        if (red == null) {
            lo = n;
        } else {
            String bisecting = "bisecting batch of " + n;
            members.forEach(q -> q.state(bisecting));
            progress.accept(bisecting);
            // lo: a prefix known green (0 is trunk); hi: a prefix known red.
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                TestResult result = testPrefix(members, prefixes, mid);
                if (result == null) {
                    lo = mid;
                } else {
                    hi = mid;
                    red = result;
                }
            }
        }
        if (lo > 0) {
            mergePrefix(members.subList(0, lo), heads.subList(0, lo), prefixes.get(lo - 1), base, lease, holder);
        }
        if (lo < n) {
            QueuedMerge culprit = members.get(lo);
            MergeOutcome.TestsRed outcome = new MergeOutcome.TestsRed(red);
            startedAndFinished(culprit, holder + "/" + culprit.request().taskId(), () -> outcome);
            culprit.outcome().complete(outcome);
        }
        List<QueuedMerge> after = new ArrayList<>(members.subList(Math.min(lo + 1, n), n));
        after.forEach(q -> q.state("waiting"));
        return after;
    }

    /** Tests the first {@code k} stacked requests; null when green, the red result otherwise. */
    private TestResult testPrefix(List<QueuedMerge> members, List<ObjectId> prefixes, int k) {
        ObjectId commit = prefixes.get(k - 1);
        MergeRequest first = members.get(0).request();
        if (k == 1 && commit.name().equals(first.testedCommit())) {
            return null; // the very commit whose tests passed: nothing changed under it
        }
        MergeRequest top = members.get(k - 1).request();
        TestResult result = tests.run(
                "merge-queue",
                commit.name(),
                top.testCommand(),
                top.testTimeout(),
                logsDir.resolve("merge-queue-tests.log"));
        return result.green() ? null : result;
    }

    private void mergePrefix(
            List<QueuedMerge> merged,
            List<ObjectId> heads,
            ObjectId stackTop,
            ObjectId base,
            Lease.Held lease,
            String holder) {
        String message = merged.size() == 1
                ? message(merged.get(0).request(), false)
                : batchMessage(merged.stream().map(QueuedMerge::request).toList());
        ObjectId merge = trunk.createMergeCommit(base, stackTop, message);
        if (!lease.stillHeld()) {
            throw new IllegalStateException("merge lock lease lost before advancing trunk (holder " + lease.holder()
                    + "); " + trunk.name() + " was left at " + base.name() + ", merge again");
        }
        // Every task's row before trunk moves, as for a single merge.
        merged.forEach(q -> journal.record(q.request().taskId(), merge.name()));
        trunk.advance(base, merge);
        MergeOutcome.Merged outcome = new MergeOutcome.Merged(merge.name(), false);
        inParallel(merged, q -> {
            cleanUpAfterBatch(q.request(), heads.get(merged.indexOf(q)), merge);
            return q;
        });
        for (QueuedMerge queued : merged) {
            startedAndFinished(queued, holder + "/" + queued.request().taskId(), () -> outcome);
            queued.outcome().complete(outcome);
        }
    }

    /** {@code work} for every item on up to 4 threads; the results in the items' order; the first failure thrown. */
    private static <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, R> work) {
        if (items.size() < 2) {
            return items.stream().map(work).toList();
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(items.size(), 4));
        try {
            List<Future<R>> futures = items.stream()
                    .map(item -> threads.submit(() -> work.apply(item)))
                    .toList();
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing a merge-queue batch", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The engineer's worktree leaves its branch (detached at the merge) and the branch goes, as
     * after a single merge; a branch that moved since it was stacked is kept (its new commits
     * are not on trunk), with a warning.
     */
    private void cleanUpAfterBatch(MergeRequest request, ObjectId stackedHead, ObjectId merge) {
        TaskWorktree worktree = new TaskWorktree(request.worktree(), git);
        String branch = request.worktree().branch();
        try {
            if (!trunk.branchTip(branch).filter(stackedHead::equals).isPresent()) {
                log.warn("task {}: branch {} moved while its batch was merged; it is kept", request.taskId(), branch);
                return;
            }
            if (worktree.exists() && worktree.branch().filter(branch::equals).isPresent()) {
                worktree.detachAt(merge);
            }
            // One at a time: deleting refs side by side can collide on packed-refs.lock.
            synchronized (stack) {
                trunk.deleteBranch(branch, stackedHead);
            }
        } catch (GitException e) {
            log.warn("task {}: clean-up after its merge failed; a retry of the step finishes it", request.taskId(), e);
        }
    }

    /**
     * The branch head to stack, after the same preparation as a single merge (an operation left
     * in progress aborted, uncommitted changes stashed); empty when the request must run alone.
     */
    private Optional<ObjectId> stackableHead(MergeRequest request, ObjectId base) {
        if (request.forced() || request.approvedHead() != null) {
            return Optional.empty();
        }
        if (trunk.findMergeOf(request.taskId()).isPresent()) {
            return Optional.empty();
        }
        TaskWorktree worktree = new TaskWorktree(request.worktree(), git);
        String branch = request.worktree().branch();
        if (!worktree.exists()) {
            return Optional.empty();
        }
        worktree.abortOperationInProgress().ifPresent(log::warn);
        if (!worktree.branch().filter(branch::equals).isPresent()) {
            return Optional.empty();
        }
        // refs/stash is shared by every worktree: one stash at a time.
        synchronized (stack) {
            worktree.stash("bosun: uncommitted changes of " + branch + " before merging")
                    .ifPresent(log::info);
        }
        ObjectId head = worktree.head();
        if (trunk.contains(base, head) || trunk.hasMergesBetween(base, head)) {
            return Optional.empty();
        }
        if (!protectedPathsTouched(request, base, head).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(head);
    }

    private MergeOutcome startedAndFinished(QueuedMerge queued, String holder, Supplier<MergeOutcome> merge) {
        String taskId = queued.request().taskId();
        observers.forEach(o -> tell(() -> o.mergeStarted(taskId, holder)));
        MergeOutcome outcome = null;
        try {
            outcome = merge.get();
            return outcome;
        } finally {
            MergeOutcome finalOutcome = outcome;
            observers.forEach(o -> tell(() -> o.mergeFinished(taskId, holder, finalOutcome)));
        }
    }

    /** One commit for the batch: a subject, each task's title, and a trailer block per task. */
    static String batchMessage(List<MergeRequest> requests) {
        StringBuilder message = new StringBuilder("Merge " + requests.size() + " tasks: "
                + String.join(", ", requests.stream().map(MergeRequest::taskId).toList()) + "\n\n");
        for (MergeRequest request : requests) {
            message.append("Merge task ")
                    .append(request.taskId())
                    .append(": ")
                    .append(title(request))
                    .append('\n');
        }
        message.append('\n');
        for (MergeRequest request : requests) {
            message.append(Trunk.TASK_TRAILER)
                    .append(": ")
                    .append(request.taskId())
                    .append('\n');
            message.append("Bosun-Member: ").append(request.worktree().member()).append('\n');
        }
        return message.append("Bosun-Tests: passed\n").toString();
    }

    private static String title(MergeRequest request) {
        return request.title() == null
                ? ""
                : request.title().replaceAll("\\s+", " ").strip();
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
