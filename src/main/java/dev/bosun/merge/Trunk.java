package dev.bosun.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import dev.bosun.workspace.GitCli;
import dev.bosun.workspace.GitException;

/**
 * The trunk branch of the repository, read and advanced with JGit (and the git CLI when the
 * user's checkout has trunk checked out). Opens the repository per call, so it always sees refs
 * that others moved.
 */
final class Trunk {

    static final String TASK_TRAILER = "Bosun-Task";
    /** How far back the first-parent history is searched for a task's merge commit. */
    private static final int HISTORY_DEPTH = 1000;

    private final Path repository;
    private final String name;
    private final GitCli git;
    private final MergeJournal journal;

    Trunk(Path repository, String name, GitCli git, MergeJournal journal) {
        this.repository = repository;
        this.name = name;
        this.git = git;
        this.journal = journal;
    }

    String name() {
        return name;
    }

    /** The main working tree: the user's checkout. */
    Path repository() {
        return repository;
    }

    ObjectId tip() {
        return branchTip(name)
                .orElseThrow(() -> new GitException("trunk branch " + name + " does not exist in " + repository));
    }

    Optional<ObjectId> branchTip(String branch) {
        try (Repository repo = open()) {
            Ref ref = repo.exactRef(Constants.R_HEADS + branch);
            return Optional.ofNullable(ref).map(Ref::getObjectId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read branch " + branch, e);
        }
    }

    /**
     * The merge commit Bosun wrote for the task and trunk contains. Only the journal counts: a
     * {@code Bosun-Task} trailer can be written by anyone who can write the repository.
     */
    Optional<ObjectId> findMergeOf(String taskId) {
        ObjectId tip = tip();
        for (String commit : journal.commitsOf(taskId)) {
            ObjectId id = ObjectId.fromString(commit);
            if (exists(id) && contains(tip, id)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * The commits on {@code now}'s first-parent history after {@code before}, newest first; empty
     * when {@code before} is not on that history (trunk was rewritten, not extended).
     */
    Optional<List<ObjectId>> firstParentsSince(ObjectId before, ObjectId now) {
        try (Repository repo = open();
                RevWalk walk = new RevWalk(repo)) {
            if (!repo.getObjectDatabase().has(before)) {
                return Optional.empty();
            }
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(now));
            List<ObjectId> commits = new ArrayList<>();
            for (RevCommit commit = walk.next();
                    commit != null && commits.size() < HISTORY_DEPTH;
                    commit = walk.next()) {
                if (commit.equals(before)) {
                    return Optional.of(commits);
                }
                commits.add(commit.copy());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of " + name, e);
        }
    }

    /** Whether trunk's tip tracks a file (or symbolic link; not a folder) at {@code path}, repository-relative. */
    boolean tracksFileAtTip(String path) {
        GitCli.Result type = git.run(repository, "cat-file", "-t", tip().name() + ":" + path);
        return type.ok() && type.output().strip().equals("blob");
    }

    /** The paths that differ between the merge-base of trunk's {@code tip} and {@code head}, and {@code head}. */
    List<String> changedSinceMergeBase(ObjectId tip, ObjectId head) {
        return changedBetween(git.orThrow(repository, "merge-base", tip.name(), head.name()), head.name());
    }

    /** The paths whose content differs between the commits {@code from} and {@code to}. */
    private List<String> changedBetween(String from, String to) {
        String out = git.orThrow(
                repository, "-c", "core.quotepath=off", "diff", "--no-renames", "--name-only", "-z", from, to, "--");
        return Arrays.stream(out.split("\0")).filter(p -> !p.isEmpty()).toList();
    }

    /** {@code git diff} of {@code paths} from the merge-base of {@code tip} and {@code head} to {@code head}. */
    String diffSinceMergeBase(ObjectId tip, ObjectId head, List<String> paths) {
        String base = git.orThrow(repository, "merge-base", tip.name(), head.name());
        List<String> args = new ArrayList<>(List.of(
                "-c",
                "core.quotepath=off",
                "diff",
                "--no-renames",
                "--no-ext-diff",
                "--no-textconv",
                "--no-color",
                base,
                head.name(),
                "--"));
        paths.forEach(p -> args.add(":(literal)" + p));
        return git.run(repository, args).output();
    }

    private boolean exists(ObjectId commit) {
        try (Repository repo = open()) {
            return repo.getObjectDatabase().has(commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + commit.name(), e);
        }
    }

    /** Whether {@code head} has merge commits that {@code base} does not: a rebase would drop them. */
    boolean hasMergesBetween(ObjectId base, ObjectId head) {
        return !git.orThrow(repository, "rev-list", "--merges", "-n", "1", base.name() + ".." + head.name())
                .isBlank();
    }

    /** Whether {@code commit} is reachable from {@code tip}. */
    boolean contains(ObjectId tip, ObjectId commit) {
        try (Repository repo = open();
                RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(tip));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + commit.name() + " with " + tip.name(), e);
        }
    }

    /**
     * Writes a merge commit with parents [{@code trunkTip}, {@code head}] (or just trunkTip when
     * they are the same) and {@code head}'s tree, as Bosun. Refs are not touched.
     */
    ObjectId createMergeCommit(ObjectId trunkTip, ObjectId head, String message) {
        try (Repository repo = open();
                RevWalk walk = new RevWalk(repo);
                ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit headCommit = walk.parseCommit(head);
            PersonIdent bosun = new PersonIdent("Bosun", "bosun@localhost");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(headCommit.getTree());
            if (trunkTip.equals(head)) {
                commit.setParentId(trunkTip);
            } else {
                commit.setParentIds(trunkTip, head);
            }
            commit.setAuthor(bosun);
            commit.setCommitter(bosun);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the merge commit", e);
        }
    }

    /**
     * Moves trunk from {@code from} to {@code to}, failing when trunk is no longer at {@code from}.
     * When the main working tree has trunk checked out, a {@code git merge --ff-only} there keeps
     * the user's files and index in step with the branch; otherwise only the ref moves.
     */
    void advance(ObjectId from, ObjectId to) {
        try (Repository repo = open()) {
            if ((Constants.R_HEADS + name).equals(repo.getFullBranch())) {
                ObjectId now = tip();
                if (!now.equals(from)) {
                    throw moved(from, now);
                }
                git.orThrow(repository, "merge", "--ff-only", "--no-stat", "-q", to.name());
                if (!tip().equals(to)) {
                    throw new GitException("git merge --ff-only did not move " + name + " to " + to.name());
                }
                return;
            }
            RefUpdate update = repo.updateRef(Constants.R_HEADS + name);
            update.setExpectedOldObjectId(from);
            update.setNewObjectId(to);
            update.setRefLogMessage("bosun: fast-forward to merge commit", false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD) {
                throw result == RefUpdate.Result.LOCK_FAILURE
                        ? moved(from, tip())
                        : new GitException("cannot move " + name + " to " + to.name() + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot advance " + name, e);
        }
    }

    /**
     * What in the user's checkout is in the way of moving trunk from {@code from} to {@code to}:
     * when that checkout has trunk checked out, the files the move changes that have uncommitted
     * changes there (staged or not), then those it would create that lie there untracked. {@code git
     * merge --ff-only} refuses to overwrite either, so {@link #advance} would fail on them; empty
     * when nothing is in the way or trunk is not checked out (then only the ref moves).
     */
    InTheWay inTheWay(ObjectId from, ObjectId to) {
        try (Repository repo = open()) {
            if (!(Constants.R_HEADS + name).equals(repo.getFullBranch())) {
                return new InTheWay(List.of(), List.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HEAD of " + repository, e);
        }
        Set<String> changed = new HashSet<>(changedBetween(from.name(), to.name()));
        List<String> modified = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        // -z: "XY path" entries, paths unquoted; --no-renames: no second path to skip. Not
        // orThrow: it strips the output, and X is a space for a change that is not staged.
        GitCli.Result status =
                git.run(repository, "status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all");
        if (!status.ok()) {
            throw new GitException("git status in " + repository + " failed: "
                    + status.output().strip());
        }
        for (String entry : status.output().split("\0")) {
            if (entry.length() < 4 || !changed.contains(entry.substring(3))) {
                continue;
            }
            (entry.startsWith("??") ? untracked : modified).add(entry.substring(3));
        }
        return new InTheWay(modified, untracked);
    }

    /** Files of the user's checkout that a fast-forward of trunk would overwrite, by kind. */
    record InTheWay(List<String> modified, List<String> untracked) {
        boolean isEmpty() {
            return modified.isEmpty() && untracked.isEmpty();
        }
    }

    /** Deletes a branch only if it still points at {@code expected} (a compare-and-swap). */
    void deleteBranch(String branch, ObjectId expected) {
        git.orThrow(repository, "update-ref", "-d", Constants.R_HEADS + branch, expected.name());
    }

    private GitException moved(ObjectId from, ObjectId now) {
        return new GitException(name + " moved from " + from.name() + " to " + now.name()
                + " while merging (a commit made outside Bosun?); trunk was left as it is, merge again");
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder()
                .setWorkTree(repository.toFile())
                .setMustExist(true)
                .build();
    }
}
