package dev.bosun.merge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.lib.ObjectId;

import dev.bosun.workspace.GitCli;
import dev.bosun.workspace.GitException;
import dev.bosun.workspace.Worktree;

/** The git CLI steps of a merge that happen in the engineer's worktree. */
final class TaskWorktree {

    private final Worktree worktree;
    private final GitCli git;

    TaskWorktree(Worktree worktree, GitCli git) {
        this.worktree = worktree;
        this.git = git;
    }

    Path path() {
        return worktree.path();
    }

    boolean exists() {
        return Files.isDirectory(worktree.path());
    }

    /** The branch checked out (short name); empty when detached. */
    Optional<String> branch() {
        GitCli.Result result = git.run(path(), "symbolic-ref", "-q", "--short", "HEAD");
        return result.ok() ? Optional.of(result.output().strip()) : Optional.empty();
    }

    ObjectId head() {
        return ObjectId.fromString(git.orThrow(path(), "rev-parse", "--verify", "HEAD^{commit}"));
    }

    /**
     * A merge that crashed mid-rebase, or an agent that exited mid-conflict, leaves a rebase (or
     * merge, cherry-pick, revert) behind; it would block everything after.
     */
    Optional<String> abortOperationInProgress() {
        return git.abortOperationInProgress(path());
    }

    Optional<String> stash(String message) {
        return git.stashIfDirty(path(), message);
    }

    /**
     * Rebases the checked-out branch onto {@code base}.
     *
     * @return the conflicting files, empty when the rebase succeeded; after a conflict the rebase
     *         is aborted and the branch is where it was
     */
    List<String> rebaseOnto(ObjectId base) {
        GitCli.Result rebase = git.run(path(), "rebase", "--no-autostash", base.name());
        if (rebase.ok()) {
            return List.of();
        }
        List<String> conflicts = git.orThrow(path(), "diff", "--name-only", "--diff-filter=U")
                .lines()
                .filter(line -> !line.isBlank())
                .distinct()
                .toList();
        git.run(path(), "rebase", "--abort");
        if (conflicts.isEmpty()) {
            throw new GitException(
                    "git rebase onto " + base.name() + " in " + path() + " failed without a " + "conflict (exit code "
                            + rebase.exitCode() + "): " + rebase.output().strip());
        }
        return conflicts;
    }

    /** Moves the checked-out branch back to {@code commit}; refuses (--keep) to lose local changes. */
    void resetTo(ObjectId commit) {
        git.orThrow(path(), "reset", "-q", "--keep", commit.name());
    }

    void detachAt(ObjectId commit) {
        git.orThrow(path(), "switch", "--detach", commit.name());
    }
}
