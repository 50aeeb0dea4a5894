package dev.bosun.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Worktrees} on a local repository: JGit reads refs and counts commits, the git CLI adds,
 * prunes and switches worktrees (JGit has no {@code worktree add}, and the CLI, unlike JGit, knows
 * which branch is checked out where).
 *
 * <p>Worktrees live in {@code <repository>/.bosun/worktrees/<member>}. On first use the
 * repository's {@code info/exclude} (never the user's {@code .gitignore}) gets the lines that keep
 * Bosun's runtime folders out of {@code git status}.
 */
public final class GitWorktrees implements Worktrees {

    static final List<String> EXCLUDES = List.of(
            "/.bosun/worktrees/",
            "/.bosun/checkouts/",
            "/.bosun/logs/",
            "/.bosun/data/",
            "/.bosun/bin/",
            "/.bosun/server.json",
            "/.bosun/secrets/");
    private static final Logger log = LoggerFactory.getLogger(GitWorktrees.class);
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path repository;
    private final String trunk;
    private final Path worktreesDir;
    private final GitCli git;
    private final WorktreeRegistry registry;
    private volatile boolean excludesChecked;

    public GitWorktrees(Path repository, String trunk) {
        this(repository, trunk, new GitCli());
    }

    public GitWorktrees(Path repository, String trunk, GitCli git) {
        this.repository = repository.toAbsolutePath().normalize();
        this.trunk = trunk;
        this.worktreesDir = this.repository.resolve(".bosun").resolve("worktrees");
        this.git = git;
        this.registry = new WorktreeRegistry(this.repository, git);
    }

    /**
     * {@code git worktree add} reads every other worktree's metadata and fails when another one is
     * being created at that moment; preparing one worktree at a time (a few hundred milliseconds)
     * avoids that.
     */
    @Override
    public synchronized Worktree prepare(String member, String taskId, @Nullable String taskBranch) {
        String branch = taskBranch == null ? branchName(member, taskId) : existingBranchName(member, taskBranch);
        ensureExcludes();
        Path path = worktreesDir.resolve(member);
        Optional<String> checkedOut = checkedOutAfterAbort(path, ensureWorktree(path));
        if (checkedOut.filter(branch::equals).isPresent()) {
            return new Worktree(member, branch, path); // a retry: already there, touch nothing
        }
        registry.worktreeWith(branch).ifPresent(other -> moveOff(other, branch, member));
        String previous = registry.branchAt(path).orElse("detached HEAD");
        git.stashIfDirty(path, "bosun: leftovers of " + member + " on " + previous + " before switching to " + branch);
        if (branchTip(branch).isPresent()) {
            // Never reset an existing branch: it holds the engineer's earlier commits.
            git.orThrow(path, "switch", "--no-guess", branch);
        } else {
            ObjectId tip = branchTip(trunk)
                    .orElseThrow(() -> new GitException("trunk branch " + trunk + " does not exist in " + repository));
            git.orThrow(path, "switch", "--no-track", "-c", branch, tip.name());
        }
        return new Worktree(member, branch, path);
    }

    @Override
    public Worktree locate(String member, String taskId, @Nullable String taskBranch) {
        String branch = taskBranch == null ? branchName(member, taskId) : existingBranchName(member, taskBranch);
        return new Worktree(member, branch, worktreesDir.resolve(member));
    }

    /** A member's worktree gives up a branch another member takes up; see {@link Worktrees#prepare}. */
    private void moveOff(Path other, String branch, String member) {
        Path otherPath = other.toAbsolutePath().normalize();
        if (!otherPath.startsWith(worktreesDir) || otherPath.equals(worktreesDir.resolve(member))) {
            throw new IllegalStateException("branch " + branch + " is already checked out in worktree " + other
                    + "; a branch can be checked out in one worktree only");
        }
        abortOperationInProgress(otherPath);
        git.stashIfDirty(
                        otherPath,
                        "bosun: leftovers on " + branch + " in " + otherPath.getFileName() + "'s worktree before "
                                + member + " took the task up")
                .ifPresent(log::info);
        git.orThrow(otherPath, "switch", "--detach", "HEAD");
        log.info(
                "{} took up {}; {}'s worktree is detached at that branch's tip",
                member,
                branch,
                otherPath.getFileName());
    }

    @Override
    public synchronized Path prepareWithoutTask(String member) {
        requireMemberName(member);
        ensureExcludes();
        Path path = worktreesDir.resolve(member);
        Optional<String> branch = checkedOutAfterAbort(path, ensureWorktree(path));
        // Trunk checked out here (an agent ran `git switch main`, possible when the user's checkout
        // is on another branch) would let every later turn commit straight onto trunk.
        boolean onTrunk = branch.filter(trunk::equals).isPresent();
        if (branch.isPresent() && !onTrunk && branchTip(branch.get()).isPresent()) {
            return path;
        }
        ObjectId trunkTip = branchTip(trunk)
                .orElseThrow(() -> new GitException("trunk branch " + trunk + " does not exist in " + repository));
        Optional<ObjectId> head = headAt(path);
        if (head.isPresent() && head.get().equals(trunkTip) && !onTrunk) {
            return path;
        }
        if (head.isPresent() && !isMergedInto(head.get(), trunkTip)) {
            log.warn(
                    "{} keeps its worktree at {}: it holds commits {} does not have",
                    member,
                    head.get().name(),
                    trunk);
            return path;
        }
        if (head.isPresent()) {
            git.stashIfDirty(
                    path, "bosun: leftovers of " + member + " before moving to " + trunk + " at " + trunkTip.name());
        }
        git.orThrow(path, "switch", "--detach", trunkTip.name());
        return path;
    }

    private Optional<ObjectId> headAt(Path worktree) {
        try (Repository repo = new FileRepositoryBuilder()
                .setWorkTree(worktree.toFile())
                .setMustExist(true)
                .build()) {
            return Optional.ofNullable(repo.resolve(Constants.HEAD));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read HEAD of " + worktree, e);
        }
    }

    private boolean isMergedInto(ObjectId commit, ObjectId tip) {
        try (Repository repo = open();
                RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(tip));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + commit.name() + " with " + trunk, e);
        }
    }

    @Override
    public long highestTaskNumberInUse() {
        return TaskNumbersInUse.highest(repository, trunk);
    }

    @Override
    public int commitsAheadOfTrunk(Worktree worktree) {
        try (Repository repo = open();
                RevWalk walk = new RevWalk(repo)) {
            Optional<ObjectId> tip = tip(repo, worktree.branch());
            if (tip.isEmpty()) {
                return 0; // no branch, no work on it (or it was merged and deleted)
            }
            walk.markStart(walk.parseCommit(tip.get()));
            Optional<ObjectId> trunkTip = tip(repo, trunk);
            if (trunkTip.isPresent()) {
                walk.markUninteresting(walk.parseCommit(trunkTip.get()));
            }
            int count = 0;
            while (walk.next() != null) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count commits of " + worktree.branch(), e);
        }
    }

    @Override
    public Optional<String> setAsideUncommittedChanges(Worktree worktree, String label) {
        abortOperationInProgress(worktree.path());
        return git.stashIfDirty(worktree.path(), label);
    }

    @Override
    public String head(Worktree worktree) {
        try (Repository repo = new FileRepositoryBuilder()
                .setWorkTree(worktree.path().toFile())
                .setMustExist(true)
                .build()) {
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                throw new GitException("HEAD of " + worktree.path() + " points at no commit");
            }
            return head.name();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read HEAD of " + worktree.path(), e);
        }
    }

    /** Before the registry is read: during a rebase the worktree shows as detached. */
    private void abortOperationInProgress(Path path) {
        git.abortOperationInProgress(path).ifPresent(log::warn);
    }

    /**
     * The branch checked out at {@code path} once an operation left in progress there is aborted:
     * {@code before} (as read with the worktree's registration) unless there was one to abort,
     * which changes it (a rebase in progress shows a detached HEAD).
     */
    private Optional<String> checkedOutAfterAbort(Path path, Optional<String> before) {
        Optional<String> aborted = git.abortOperationInProgress(path);
        aborted.ifPresent(log::warn);
        return aborted.isPresent() ? registry.branchAt(path) : before;
    }

    /** Makes {@code path} a registered worktree; returns the branch it has checked out (empty: detached). */
    private Optional<String> ensureWorktree(Path path) {
        Optional<WorktreeRegistry.Entry> registered = registry.find(path);
        if (registered.isPresent() && Files.isDirectory(path)) {
            return Optional.ofNullable(registered.get().branch());
        }
        if (Files.exists(path)) {
            moveAside(path);
        }
        // Forget registrations whose folder is gone, or `worktree add` refuses the path.
        git.orThrow(repository, "worktree", "prune");
        ObjectId tip = branchTip(trunk)
                .orElseThrow(() -> new GitException("trunk branch " + trunk + " does not exist in " + repository));
        git.orThrow(repository, "worktree", "add", "--detach", path.toString(), tip.name());
        return Optional.empty();
    }

    /** A folder that git does not know as a worktree (left by a crash) may still hold work: keep it. */
    private void moveAside(Path path) {
        try (var entries = Files.list(path)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(path);
                return;
            }
            Path aside = path.resolveSibling(
                    path.getFileName() + ".stale-" + Instant.now().toEpochMilli());
            Files.move(path, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move stale worktree folder " + path + " aside", e);
        }
    }

    private void ensureExcludes() {
        if (!excludesChecked) {
            InfoExclude.ensure(repository, git, EXCLUDES);
            excludesChecked = true;
        }
    }

    private Optional<ObjectId> branchTip(String branch) {
        try (Repository repo = open()) {
            return tip(repo, branch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read branch " + branch, e);
        }
    }

    private static Optional<ObjectId> tip(Repository repo, String branch) throws IOException {
        Ref ref = repo.exactRef(Constants.R_HEADS + branch);
        return Optional.ofNullable(ref).map(Ref::getObjectId);
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder()
                .setWorkTree(repository.toFile())
                .setMustExist(true)
                .build();
    }

    private static void requireMemberName(String member) {
        if (member == null || !MEMBER.matcher(member).matches()) {
            throw new IllegalArgumentException("not a member name: " + member);
        }
    }

    private static String existingBranchName(String member, String branch) {
        requireMemberName(member);
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new IllegalArgumentException("'" + branch + "' is not a valid branch name");
        }
        return branch;
    }

    private static String branchName(String member, String taskId) {
        requireMemberName(member);
        String branch = member + "/" + taskId;
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new IllegalArgumentException("task id " + taskId + " does not make a valid branch name");
        }
        return branch;
    }
}
