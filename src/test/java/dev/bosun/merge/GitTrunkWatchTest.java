package dev.bosun.merge;

import static dev.bosun.workspace.GitFixture.commit;
import static dev.bosun.workspace.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.lease.BosunSchema;
import dev.bosun.lease.JdbcLease;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.workspace.GitFixture;
import dev.bosun.workspace.GitWorktrees;
import dev.bosun.workspace.ProcessGroupTestRunner;
import dev.bosun.workspace.TestCheckouts;
import dev.bosun.workspace.Worktree;

class GitTrunkWatchTest {

    @TempDir
    Path repo;

    JdbcMergeJournal journal;
    GitTrunkWatch watch;
    GitMerger merger;
    GitWorktrees worktrees;

    @BeforeEach
    void setUp() {
        GitFixture.repository(repo, "exit 0\n");
        git(repo, "switch", "-q", "--detach");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:watch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        BosunSchema.migrate(dataSource);
        journal = new JdbcMergeJournal(dataSource);
        watch = new GitTrunkWatch(repo, "main", journal);
        merger = new GitMerger(
                repo,
                "main",
                new JdbcLease(dataSource, LeaseName.MERGE, Clock.systemUTC()),
                NodeIdentity.mint(),
                journal,
                new TestCheckouts(repo, new ProcessGroupTestRunner()),
                Duration.ofSeconds(5),
                repo.resolve(".bosun/logs"),
                List.of());
        worktrees = new GitWorktrees(repo, "main");
    }

    private void bosunMerges(String member, String taskId) {
        Worktree worktree = worktrees.prepare(member, taskId);
        String work = commit(worktree.path(), taskId + ".txt", "work\n", "work on " + taskId);
        assertThat(merger.merge(new MergeRequest(
                        taskId,
                        taskId,
                        worktree,
                        work,
                        false,
                        List.of("sh", "test.sh"),
                        Duration.ofSeconds(30),
                        List.of(),
                        null)))
                .isInstanceOf(MergeOutcome.Merged.class);
    }

    @Test
    void trunkThatDidNotMoveOrMovedOnlyByBosunsMergesIsFine() {
        String before = watch.tip();
        assertThat(watch.foreignChangeSince(before)).isEmpty();

        bosunMerges("eng-1", "1");
        bosunMerges("eng-2", "2");

        assertThat(watch.tip()).isNotEqualTo(before);
        assertThat(watch.foreignChangeSince(before)).isEmpty();
    }

    @Test
    void aForgedMergeCommitWrittenWithUpdateRefIsForeign() {
        String before = watch.tip();
        String forged = git(
                repo,
                "commit-tree",
                "-p",
                before,
                "-m",
                "Merge task 7: x\n\nBosun-Task: 7\nBosun-Tests: passed",
                git(repo, "rev-parse", "main^{tree}"));
        git(repo, "update-ref", "refs/heads/main", forged);

        assertThat(watch.foreignChangeSince(before)).contains(before + ".." + forged);
    }

    @Test
    void aForeignCommitAmongBosunsMergesIsForeign() {
        String before = watch.tip();
        bosunMerges("eng-1", "1");
        git(repo, "switch", "-q", "main");
        String foreign = commit(repo, "sneaky.txt", "x\n", "sneaky");
        git(repo, "switch", "-q", "--detach");
        bosunMerges("eng-2", "2");

        assertThat(foreign).isNotEqualTo(watch.tip());
        assertThat(watch.foreignChangeSince(before)).contains(before + ".." + watch.tip());
    }

    @Test
    void trunkRewoundOrRewrittenIsForeign() {
        bosunMerges("eng-1", "1");
        String before = watch.tip();
        git(repo, "update-ref", "refs/heads/main", before + "^");

        assertThat(watch.foreignChangeSince(before)).isPresent();
    }
}
