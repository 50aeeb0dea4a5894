package dev.bosun.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.TestRepository;

/**
 * Engineers start together: their worktrees are created and their changes stashed at the same
 * moment in one repository (seen in the demo: a concurrent "git worktree add" failed reading the
 * other worktree's half-written metadata, and stashes meet on refs/stash).
 */
class ConcurrentWorktreesTest {

    @TempDir
    Path home;

    @RepeatedTest(5)
    void sixEngineersPrepareAndStashAtOnce() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        GitWorktrees worktrees = new GitWorktrees(repository.root(), "main");
        List<String> members =
                IntStream.rangeClosed(1, 6).mapToObj(i -> "eng-" + i).toList();

        // Six real threads: the common pool has one thread on a two-core machine.
        ExecutorService pool = Executors.newFixedThreadPool(members.size());
        List<Worktree> prepared = members.stream()
                .map(member -> CompletableFuture.supplyAsync(() -> worktrees.prepare(member, "7"), pool))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();
        for (Worktree worktree : prepared) {
            Files.writeString(worktree.path().resolve("draft.txt"), "uncommitted work of " + worktree.member());
        }
        List<String> notes = prepared.stream()
                .map(w -> CompletableFuture.supplyAsync(
                        () -> worktrees.setAsideUncommittedChanges(w, "draft of " + w.member()), pool))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .map(note -> note.orElseThrow())
                .toList();
        pool.shutdown();

        assertThat(prepared)
                .extracting(Worktree::branch)
                .containsExactlyInAnyOrderElementsOf(
                        members.stream().map(m -> m + "/7").toList());
        assertThat(notes).hasSize(6);
        assertThat(repository.git("stash", "list").lines()).hasSize(6);
    }
}
