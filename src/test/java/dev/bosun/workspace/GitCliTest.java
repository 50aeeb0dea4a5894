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
    final GitCli git = new GitCli();

    @Test
    void abortsOnlyInTheWorktreeItselfNeverInAnEnclosingCheckout() throws Exception {
        GitFixture.repository(repo, "exit 0\n");
        git(repo, "switch", "-q", "-c", "side");
        commit(repo, "README.md", "side\n", "side edits readme");
        git(repo, "switch", "-q", "main");
        commit(repo, "README.md", "main\n", "main edits readme");
        List<String> merge = List.of("-c", "user.name=T", "-c", "user.email=t@localhost", "merge", "side");
        assertThat(git.run(repo, merge).ok()).as("the user's own merge conflicts").isFalse();
        // A folder left inside the repository that git does not know as a worktree.
        Path stale = Files.createDirectories(repo.resolve(".bosun/worktrees/eng-1"));

        assertThat(git.abortOperationInProgress(stale)).isEmpty();
        assertThat(repo.resolve(".git/MERGE_HEAD")).as("the user's merge is left alone").exists();

        assertThat(git.abortOperationInProgress(repo)).hasValueSatisfying(note -> assertThat(note).contains("merge"));
        assertThat(repo.resolve(".git/MERGE_HEAD")).doesNotExist();
        assertThat(git.abortOperationInProgress(repo)).isEmpty();
    }
}
