package dev.bosun.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ObjectId;

import dev.bosun.workspace.GitCli;

/**
 * The merge queue's scratch worktree, {@code <repository>/.bosun/merge-stack}, detached: the
 * branches of a batch are replayed onto each other here, never in the engineers' worktrees, so
 * that a crash in the middle of a batch leaves no branch to repair. Reset at every batch start:
 * whatever a crash (or anyone) left here goes.
 */
final class StackWorktree {

    private final Path repository;
    private final Path path;
    private final GitCli git;

    StackWorktree(Path repository, GitCli git) {
        this.repository = repository;
        this.path = repository.resolve(".bosun").resolve("merge-stack");
        this.git = git;
    }

    /** Makes the worktree exist, clean, detached at {@code base}. */
    void resetTo(ObjectId base) {
        if (!isWorktreeOfItsOwn()) {
            deleteRecursively(path);
            git.orThrow(repository, "worktree", "prune");
            try {
                Files.createDirectories(path.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + path.getParent(), e);
            }
            git.orThrow(repository, "worktree", "add", "-q", "--detach", path.toString(), base.name());
            return;
        }
        git.abortOperationInProgress(path);
        git.orThrow(path, "checkout", "-q", "--force", "--detach", base.name());
        git.orThrow(path, "clean", "-q", "-ffdx");
    }

    /**
     * Replays the commits of {@code head} since {@code trunkBase} onto {@code stackTip} (a rebase of
     * a detached head: the engineer's branch is not touched).
     *
     * @return the new stack tip; empty when the replay conflicted (the worktree is back at
     *         {@code stackTip})
     */
    Optional<ObjectId> replay(ObjectId stackTip, ObjectId trunkBase, ObjectId head) {
        GitCli.Result rebase =
                git.run(path, "rebase", "--no-autostash", "--onto", stackTip.name(), trunkBase.name(), head.name());
        if (!rebase.ok()) {
            git.run(path, "rebase", "--abort");
            git.orThrow(path, "checkout", "-q", "--force", "--detach", stackTip.name());
            return Optional.empty();
        }
        return Optional.of(ObjectId.fromString(git.orThrow(path, "rev-parse", "--verify", "HEAD^{commit}")));
    }

    /** A stale folder inside the repository would make git find the user's checkout instead. */
    private boolean isWorktreeOfItsOwn() {
        return Files.isRegularFile(path.resolve(".git")) && git.isTopLevel(path);
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
