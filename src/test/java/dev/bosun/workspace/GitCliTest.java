package dev.bosun.workspace;

import static dev.bosun.workspace.GitFixture.commit;
import static dev.bosun.workspace.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCliTest {

    @TempDir
    Path repo;

    @TempDir
    Path outside;

    final GitCli git = new GitCli();

    @Test
    void abortsOnlyInTheWorktreeItselfNeverInAnEnclosingCheckout() throws Exception {
        GitFixture.repository(repo, "exit 0\n");
        git(repo, "switch", "-q", "-c", "side");
        commit(repo, "README.md", "side\n", "side edits readme");
        git(repo, "switch", "-q", "main");
        commit(repo, "README.md", "main\n", "main edits readme");
        List<String> merge = List.of("-c", "user.name=T", "-c", "user.email=t@localhost", "merge", "side");
        assertThat(git.run(repo, merge).ok())
                .as("the user's own merge conflicts")
                .isFalse();
        // A folder left inside the repository that git does not know as a worktree.
        Path stale = Files.createDirectories(repo.resolve(".bosun/worktrees/eng-1"));

        assertThat(git.abortOperationInProgress(stale)).isEmpty();
        assertThat(repo.resolve(".git/MERGE_HEAD"))
                .as("the user's merge is left alone")
                .exists();

        assertThat(git.abortOperationInProgress(repo))
                .hasValueSatisfying(note -> assertThat(note).contains("merge"));
        assertThat(repo.resolve(".git/MERGE_HEAD")).doesNotExist();
        assertThat(git.abortOperationInProgress(repo)).isEmpty();
    }

    /**
     * The hooks folder and the configuration are shared with every agent's worktree: a hook an agent
     * planted, in {@code .git/hooks} or through {@code core.hooksPath}, must not run inside Bosun's
     * own git commands, where no turn would ever kill it.
     */
    @Test
    void bosunsGitCommandsRunNoHookAnAgentPlanted() throws Exception {
        GitFixture.repository(repo, "exit 0\n");
        Path ran = outside.resolve("hook-ran");
        Path hook = repo.resolve(".git/hooks/post-checkout");
        Files.writeString(hook, "#!/bin/sh\necho ran >> " + ran + "\n");
        hook.toFile().setExecutable(true);
        Path planted = Files.createDirectories(outside.resolve("planted-hooks"));
        Files.copy(hook, planted.resolve("post-checkout"));
        planted.resolve("post-checkout").toFile().setExecutable(true);
        Process plainGit = new ProcessBuilder("git", "switch", "-q", "-c", "side")
                .directory(repo.toFile())
                .start();
        assertThat(plainGit.waitFor()).isZero();
        assertThat(ran).as("git itself, run by anyone else, runs the hook").exists();
        Files.delete(ran);

        assertThat(git.run(repo, "switch", "-q", "main").ok()).isTrue();
        git(repo, "config", "core.hooksPath", planted.toString());
        assertThat(git.run(repo, "switch", "-q", "side").ok()).isTrue();

        assertThat(ran).as("no hook ran in Bosun's commands").doesNotExist();
    }
}
