package dev.bosun.merge;

import static dev.bosun.workspace.GitFixture.commit;
import static dev.bosun.workspace.GitFixture.git;
import static dev.bosun.workspace.GitFixture.read;
import static dev.bosun.workspace.GitFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.bosun.lease.BosunSchema;
import dev.bosun.lease.JdbcLease;
import dev.bosun.lease.Lease;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.workspace.GitCli;
import dev.bosun.workspace.GitFixture;
import dev.bosun.workspace.GitWorktrees;
import dev.bosun.workspace.ProcessGroupTestRunner;
import dev.bosun.workspace.TestCheckouts;
import dev.bosun.workspace.TestRunner;
import dev.bosun.workspace.Worktree;

class GitMergerTest {

    static final NodeIdentity NODE = NodeIdentity.mint();

    /** Red only when both a.txt and b.txt exist: each alone is green, together they break. */
    static final String TEST_SCRIPT = "echo testing; [ ! -e a.txt ] || [ ! -e b.txt ]\n";

    static final List<String> TEST_COMMAND = List.of("sh", "test.sh");

    @TempDir
    Path repo;

    GitWorktrees worktrees;
    JdbcDataSource dataSource;
    JdbcLease lock;
    JdbcMergeJournal journal;
    List<String> events = new CopyOnWriteArrayList<>();
    GitMerger merger;

    @BeforeEach
    void setUp() {
        GitFixture.repository(repo, TEST_SCRIPT);
        worktrees = new GitWorktrees(repo, "main");
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:merge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        BosunSchema.migrate(dataSource);
        lock = new JdbcLease(dataSource, "merge", Duration.ofSeconds(1), Clock.systemUTC());
        journal = new JdbcMergeJournal(dataSource);
        MergeObserver observer = new MergeObserver() {
            @Override
            public void mergeStarted(String taskId, String holder) {
                events.add("started " + taskId + " " + lock.holder().orElse("-").equals(holder));
            }

            @Override
            public void mergeFinished(String taskId, String holder, MergeOutcome outcome) {
                events.add(
                        "finished " + taskId + " " + lock.holder().orElse("-").equals(holder) + " "
                                + (outcome == null ? null : outcome.getClass().getSimpleName()));
            }
        };
        merger = new GitMerger(
                repo,
                "main",
                lock,
                NODE,
                journal,
                new TestCheckouts(repo, new ProcessGroupTestRunner()),
                Duration.ofSeconds(5),
                repo.resolve(".bosun/logs"),
                List.of(observer));
    }

    MergeRequest request(Worktree worktree, String taskId, String testedCommit, boolean forced) {
        return new MergeRequest(
                taskId,
                "Title of " + taskId,
                worktree,
                testedCommit,
                forced,
                TEST_COMMAND,
                Duration.ofSeconds(30),
                List.of(),
                null);
    }

    String tip() {
        return git(repo, "rev-parse", "main");
    }

    boolean branchExists(String branch) {
        return new GitCli()
                .run(repo, "rev-parse", "--verify", "-q", "refs/heads/" + branch)
                .ok();
    }

    @Test
    void greenMergeAdvancesTrunkToAMergeCommitWithTrailers() {
        git(repo, "switch", "-q", "--detach"); // trunk not checked out: the ref is moved by JGit
        String oldTip = tip();
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", work, false));

        assertThat(outcome).isInstanceOf(MergeOutcome.Merged.class);
        MergeOutcome.Merged merged = (MergeOutcome.Merged) outcome;
        assertThat(merged.alreadyMerged()).isFalse();
        assertThat(tip()).isEqualTo(merged.mergeCommit());
        assertThat(git(repo, "rev-parse", "main^1")).isEqualTo(oldTip);
        assertThat(git(repo, "rev-parse", "main^2")).isEqualTo(work);
        assertThat(git(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>", "main"))
                .isEqualTo("Bosun <bosun@localhost>|Bosun <bosun@localhost>");
        assertThat(git(repo, "log", "-1", "--format=%B", "main")).isEqualTo("""
                Merge task task-1: Title of task-1

                Bosun-Task: task-1
                Bosun-Member: eng-1
                Bosun-Tests: passed""");
        assertThat(new GitCli()
                        .run(repo, "merge-base", "--is-ancestor", work, "main")
                        .ok())
                .isTrue();
        assertThat(branchExists("eng-1/task-1")).isFalse();
        assertThat(new GitCli()
                        .run(worktree.path(), "symbolic-ref", "-q", "HEAD")
                        .ok())
                .as("detached")
                .isFalse();
        assertThat(worktrees.head(worktree)).isEqualTo(merged.mergeCommit());
        assertThat(repo.resolve(".bosun/logs/eng-1-tests.log"))
                .as("tested commit not re-tested")
                .doesNotExist();
        assertThat(events).containsExactly("started task-1 true", "finished task-1 true Merged");
    }

    @Test
    void mergingTheSameTaskAgainIsANoOp() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        MergeOutcome.Merged first = (MergeOutcome.Merged) merger.merge(request(worktree, "task-1", work, false));

        MergeOutcome second = merger.merge(request(worktree, "task-1", work, false));

        assertThat(second).isEqualTo(new MergeOutcome.Merged(first.mergeCommit(), true));
        assertThat(tip()).isEqualTo(first.mergeCommit());
    }

    @Test
    void aRetryAfterACrashBeforeTheCleanUpFinishesTheCleanUp() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        // The merge commit landed, then the node died: branch still there and checked out.
        GitFixture.git(
                repo, "merge", "-q", "--no-ff", "-m", "Merge task task-1: x\n\nBosun-Task: task-1", "eng-1/task-1");
        String merge = tip();
        journal.record("task-1", merge); // as the merge did before it advanced trunk

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", work, false));

        assertThat(outcome).isEqualTo(new MergeOutcome.Merged(merge, true));
        assertThat(tip()).isEqualTo(merge);
        assertThat(branchExists("eng-1/task-1")).isFalse();
        assertThat(new GitCli()
                        .run(worktree.path(), "symbolic-ref", "-q", "HEAD")
                        .ok())
                .isFalse();
    }

    @Test
    void aConflictAbortsTheRebaseAndLeavesTheBranchAsItWas() {
        Worktree first = worktrees.prepare("eng-1", "task-1");
        String firstWork = commit(first.path(), "README.md", "hello from eng-1\n", "edit readme");
        Worktree second = worktrees.prepare("eng-2", "task-2");
        String secondWork = commit(second.path(), "README.md", "hello from eng-2\n", "edit readme too");
        merger.merge(request(first, "task-1", firstWork, false));
        String trunkAfterFirst = tip();

        MergeOutcome outcome = merger.merge(request(second, "task-2", secondWork, false));

        assertThat(outcome).isEqualTo(new MergeOutcome.Conflict(List.of("README.md")));
        assertThat(git(repo, "rev-parse", "eng-2/task-2")).isEqualTo(secondWork);
        assertThat(git(second.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-2/task-2");
        Path rebaseState = second.path().resolve(git(second.path(), "rev-parse", "--git-path", "rebase-merge"));
        assertThat(rebaseState).doesNotExist();
        assertThat(git(second.path(), "status", "--porcelain")).isEmpty();
        assertThat(tip()).isEqualTo(trunkAfterFirst);
    }

    @Test
    void whenTrunkMovedTheRebasedBranchIsRetestedAndRedLeavesTrunkAlone() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "b.txt", "b\n", "add b");
        String moved = commit(repo, "a.txt", "a\n", "someone adds a");

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", work, false));

        assertThat(outcome).isInstanceOf(MergeOutcome.TestsRed.class);
        assertThat(((MergeOutcome.TestsRed) outcome).result().outputTail()).contains("testing");
        assertThat(tip()).isEqualTo(moved);
        assertThat(branchExists("eng-1/task-1")).isTrue();
        assertThat(worktrees.commitsAheadOfTrunk(worktree)).isEqualTo(1);
        assertThat(read(repo.resolve(".bosun/logs/eng-1-tests.log"))).contains("testing");
        assertThat(events).last().isEqualTo("finished task-1 true TestsRed");
    }

    @Test
    void aForcedMergeIsNotRetestedAndSaysSo() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "b.txt", "b\n", "add b");
        commit(repo, "a.txt", "a\n", "someone adds a");

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", null, true));

        assertThat(outcome).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(git(repo, "log", "-1", "--format=%(trailers:key=Bosun-Tests,valueonly)", "main"))
                .isEqualTo("forced-red");
        assertThat(repo.resolve(".bosun/logs/eng-1-tests.log")).doesNotExist();
    }

    @Test
    void theUsersCheckoutOfTrunkFollowsAndARebasedGreenBranchIsMerged() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        write(worktree.path().resolve("scratch.txt"), "not committed\n");
        String moved = commit(repo, "other.txt", "other\n", "trunk moves on");

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", work, false));

        assertThat(outcome).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(git(repo, "rev-parse", "main^1")).isEqualTo(moved);
        assertThat(git(repo, "rev-parse", "main^2")).as("rebased").isNotEqualTo(work);
        assertThat(read(repo.resolve("feature.txt"))).isEqualTo("feature\n");
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
        assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(tip());
        assertThat(Files.exists(repo.resolve("scratch.txt"))).isFalse();
        assertThat(git(worktree.path(), "stash", "list")).contains("eng-1/task-1");
        assertThat(read(repo.resolve(".bosun/logs/eng-1-tests.log"))).contains("exit code 0");
    }

    @Test
    void failsWhenTheLockStaysTaken() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        try (Lease.Held held =
                lock.acquire("other-node/eng-2/task-9", Duration.ZERO).orElseThrow()) {
            GitMerger impatient = new GitMerger(
                    repo,
                    "main",
                    lock,
                    NODE,
                    journal,
                    new TestCheckouts(repo, new ProcessGroupTestRunner()),
                    Duration.ofMillis(300),
                    repo.resolve(".bosun/logs"),
                    List.of());
            assertThatThrownBy(() -> impatient.merge(request(worktree, "task-1", null, false)))
                    .isInstanceOf(MergeLockTimeoutException.class)
                    .hasMessageContaining("held by other-node/eng-2/task-9");
        }
    }

    @Test
    void anOperationTheAgentLeftInProgressIsAbortedAndTheCommittedWorkMerged() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "feature.txt", "feature v1\n", "add feature");
        String work = commit(worktree.path(), "feature.txt", "feature v2\n", "improve feature");
        // The agent tried to revert its first commit, hit a conflict and exited.
        List<String> revert =
                List.of("-c", "user.name=T", "-c", "user.email=t@localhost", "revert", "--no-edit", "HEAD~1");
        assertThat(new GitCli().run(worktree.path(), revert).ok())
                .as("conflicts")
                .isFalse();

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", work, false));

        assertThat(outcome).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(git(repo, "rev-parse", "main^2")).isEqualTo(work);
        assertThat(git(repo, "show", "main:feature.txt")).isEqualTo("feature v2");
    }

    @Test
    void aBranchThatMergedTrunkToResolveAConflictIsMergedWithoutRebasing() {
        Worktree first = worktrees.prepare("eng-1", "task-1");
        String firstWork = commit(first.path(), "README.md", "hello from eng-1\n", "edit readme");
        Worktree second = worktrees.prepare("eng-2", "task-2");
        commit(second.path(), "README.md", "hello from eng-2\n", "edit readme too");
        merger.merge(request(first, "task-1", firstWork, false));
        String trunkAfterFirst = tip();
        assertThat(merger.merge(request(second, "task-2", null, false))).isInstanceOf(MergeOutcome.Conflict.class);
        // The engineer resolves the conflict by merging trunk into the branch.
        List<String> mergeTrunk = List.of("-c", "user.name=T", "-c", "user.email=t@localhost", "merge", "main");
        assertThat(new GitCli().run(second.path(), mergeTrunk).ok())
                .as("conflicts")
                .isFalse();
        write(second.path().resolve("README.md"), "hello from eng-1 and eng-2\n");
        git(second.path(), "add", "README.md");
        git(second.path(), "commit", "-q", "--no-edit");
        String resolved = git(second.path(), "rev-parse", "HEAD");

        MergeOutcome outcome = merger.merge(request(second, "task-2", resolved, false));

        assertThat(outcome).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(git(repo, "rev-parse", "main^1")).isEqualTo(trunkAfterFirst);
        assertThat(git(repo, "rev-parse", "main^2")).as("not rebased").isEqualTo(resolved);
        assertThat(git(repo, "show", "main:README.md")).isEqualTo("hello from eng-1 and eng-2");
        assertThat(repo.resolve(".bosun/logs/eng-2-tests.log"))
                .as("tested commit not re-tested")
                .doesNotExist();
    }

    @Test
    void aForcedMergeOfABranchWithoutCommitsFailsInsteadOfMergingNothing() {
        Worktree worktree = worktrees.prepare("eng-1", "7");
        String oldTip = tip();

        assertThatThrownBy(() -> merger.merge(request(worktree, "7", null, true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("task 7: branch eng-1/7 has no commits ahead of main; nothing to merge");
        assertThatThrownBy(() -> merger.merge(request(worktree, "7", oldTip, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing to merge");

        assertThat(tip()).isEqualTo(oldTip);
        assertThat(branchExists("eng-1/7")).isTrue();
        assertThat(events).last().isEqualTo("finished 7 true null");
    }

    @Test
    void aBranchWhoseCommitsTrunkAlreadyHasFailsAndKeepsItsCommits() {
        Worktree worktree = worktrees.prepare("eng-1", "7");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        // The very commit reached trunk another way (same id). A plain cherry-pick made the same id
        // only while the clock stayed in the same second; --ff reuses the commit itself.
        git(repo, "cherry-pick", "--ff", work);
        String oldTip = tip();

        assertThatThrownBy(() -> merger.merge(request(worktree, "7", work, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("task 7: branch eng-1/7 has no commits ahead of main; nothing to merge");

        assertThat(tip()).isEqualTo(oldTip);
        assertThat(git(repo, "rev-parse", "eng-1/7")).isEqualTo(work);
        assertThat(git(worktree.path(), "status", "--porcelain")).isEmpty();
    }

    @Test
    void aBranchWhoseChangeTrunkAlreadyHasIsAlreadyOnTrunkNotMergedAndKeepsItsCommits() {
        Worktree worktree = worktrees.prepare("eng-1", "7");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        commit(repo, "feature.txt", "feature\n", "the same change by another task"); // another commit
        String oldTip = tip();

        MergeOutcome outcome = merger.merge(request(worktree, "7", work, false));
        MergeOutcome again = merger.merge(request(worktree, "7", work, false));

        assertThat(outcome).isEqualTo(new MergeOutcome.AlreadyOnTrunk(oldTip));
        assertThat(again).as("a second run ends the same way").isEqualTo(outcome);
        assertThat(tip()).as("no merge commit").isEqualTo(oldTip);
        assertThat(journal.commitsOf("7")).isEmpty();
        assertThat(git(repo, "rev-parse", "eng-1/7")).as("rebase undone").isEqualTo(work);
        assertThat(git(worktree.path(), "status", "--porcelain")).isEmpty();
        assertThat(events).last().isEqualTo("finished 7 true AlreadyOnTrunk");
    }

    @Test
    void everyAcquisitionHasItsOwnLockHolderSoTwoRunsOfATaskCannotShareALease() {
        List<String> holders = new CopyOnWriteArrayList<>();
        MergeObserver recorder = new MergeObserver() {
            @Override
            public void mergeStarted(String taskId, String holder) {
                holders.add(holder);
            }

            @Override
            public void mergeFinished(String taskId, String holder, MergeOutcome outcome) {}
        };
        GitMerger recording = new GitMerger(
                repo,
                "main",
                lock,
                NODE,
                journal,
                new TestCheckouts(repo, new ProcessGroupTestRunner()),
                Duration.ofSeconds(5),
                repo.resolve(".bosun/logs"),
                List.of(recorder));
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");

        recording.merge(request(worktree, "task-1", work, false));
        recording.merge(request(worktree, "task-1", work, false)); // a retry of the same task

        assertThat(holders)
                .hasSize(2)
                .doesNotHaveDuplicates()
                .allSatisfy(holder -> assertThat(holder).contains("/eng-1/task-1/"));
    }

    @Test
    void aLeaseLostDuringTheRetestLeavesTrunkUntouched() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        String moved = commit(repo, "other.txt", "other\n", "trunk moves on");
        TestRunner slowTests = (directory, argv, timeout, logFile) -> {
            // Meanwhile this node's lease ran out unrenewed and another node took the lock.
            new JdbcTemplate(dataSource)
                    .update(
                            "UPDATE BOSUN_MERGE_LOCK SET HOLDER = ?, EXPIRES_AT = ?",
                            "other-node/eng-2/task-2/x",
                            System.currentTimeMillis() + 60_000);
            return new ProcessGroupTestRunner().run(directory, argv, timeout, logFile);
        };
        GitMerger merger = new GitMerger(
                repo,
                "main",
                lock,
                NODE,
                journal,
                new TestCheckouts(repo, slowTests),
                Duration.ofSeconds(5),
                repo.resolve(".bosun/logs"),
                List.of());

        assertThatThrownBy(() -> merger.merge(request(worktree, "task-1", work, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("merge lock lease lost before advancing trunk");

        assertThat(tip()).isEqualTo(moved);
        assertThat(branchExists("eng-1/task-1")).isTrue();
        assertThat(git(worktree.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-1/task-1");
        assertThat(lock.holder()).contains("other-node/eng-2/task-2/x");
    }

    MergeRequest request(
            Worktree worktree, String taskId, String testedCommit, List<String> protectedPaths, String approvedHead) {
        return new MergeRequest(
                taskId,
                "Title of " + taskId,
                worktree,
                testedCommit,
                false,
                TEST_COMMAND,
                Duration.ofSeconds(30),
                protectedPaths,
                approvedHead);
    }

    @Test
    void aTrailerAloneDoesNotMakeATaskMerged() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        // Someone else (an agent with git update-ref) wrote a commit that claims to be Bosun's merge.
        GitFixture.git(
                repo, "merge", "-q", "--no-ff", "-m", "Merge task task-1: x\n\nBosun-Task: task-1", "eng-1/task-1");
        String forged = tip();

        assertThatThrownBy(() -> merger.merge(request(worktree, "task-1", work, false)))
                .hasMessageContaining("nothing to merge");
        assertThat(journal.commitsOf("task-1")).isEmpty();
        assertThat(tip()).isEqualTo(forged);
        assertThat(branchExists("eng-1/task-1"))
                .as("not cleaned up as if merged")
                .isTrue();
    }

    @Test
    void aJournalledMergeIsFoundAgainAndAJournalledCommitTrunkDoesNotContainIsIgnored() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        // A crash between journalling and advancing: the row's commit never reached trunk.
        String neverAdvanced = git(
                repo,
                "commit-tree",
                "-p",
                tip(),
                "-m",
                "Merge task task-1: lost",
                git(repo, "rev-parse", "main^{tree}"));
        journal.record("task-1", neverAdvanced);

        MergeOutcome.Merged merged = (MergeOutcome.Merged) merger.merge(request(worktree, "task-1", work, false));

        assertThat(merged.alreadyMerged()).isFalse();
        assertThat(merged.mergeCommit()).isNotEqualTo(neverAdvanced).isEqualTo(tip());
        assertThat(journal.commitsOf("task-1")).containsExactly(neverAdvanced, merged.mergeCommit());
        assertThat(merger.merge(request(worktree, "task-1", work, false)))
                .isEqualTo(new MergeOutcome.Merged(merged.mergeCommit(), true));
    }

    @Test
    void aBranchThatChangesTheTestScriptIsNotMergedUntilAHumanAcceptsThatHead() {
        git(repo, "switch", "-q", "--detach");
        String oldTip = tip();
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        String head = commit(worktree.path(), "test.sh", "exit 0\n", "make the tests pass");

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", head, List.of(), null));

        assertThat(outcome).isInstanceOf(MergeOutcome.ProtectedPathsTouched.class);
        MergeOutcome.ProtectedPathsTouched touched = (MergeOutcome.ProtectedPathsTouched) outcome;
        assertThat(touched.files()).containsExactly("test.sh");
        assertThat(touched.head()).isEqualTo(head);
        assertThat(touched.diff())
                .contains("+exit 0", "diff --git a/test.sh b/test.sh")
                .doesNotContain("feature.txt");
        assertThat(tip()).isEqualTo(oldTip);
        assertThat(git(repo, "rev-parse", "eng-1/task-1")).isEqualTo(head);
        assertThat(events).last().isEqualTo("finished task-1 true ProtectedPathsTouched");

        String other = git(repo, "rev-parse", head + "^");
        assertThat(merger.merge(request(worktree, "task-1", head, List.of(), other)))
                .as("an approval of another head")
                .isInstanceOf(MergeOutcome.ProtectedPathsTouched.class);

        MergeOutcome approved = merger.merge(request(worktree, "task-1", head, List.of(), head));
        assertThat(approved).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(git(repo, "log", "-1", "--format=%B", "main")).endsWith("""
                Bosun-Tests: passed
                Bosun-Approved: protected paths""");
        assertThat(git(repo, "show", "main:test.sh")).isEqualTo("exit 0");
    }

    @Test
    void bosunsOwnFoldersAndTheTeamsPatternsAreProtectedOtherFilesAreNot() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "src/test/FooTest.java", "class FooTest {}\n", "weaken a test");
        String head = commit(worktree.path(), ".github/workflows/ci.yml", "on: push\n", "change CI");

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", head, List.of("src/test/**"), null));

        assertThat(((MergeOutcome.ProtectedPathsTouched) outcome).files())
                .containsExactlyInAnyOrder(".github/workflows/ci.yml", "src/test/FooTest.java");

        Worktree plain = worktrees.prepare("eng-2", "task-2");
        String work = commit(plain.path(), "src/main/Foo.java", "class Foo {}\n", "plain work");
        assertThat(merger.merge(request(plain, "task-2", work, List.of("src/test/**"), null)))
                .isInstanceOf(MergeOutcome.Merged.class);
        assertThat(git(repo, "log", "-1", "--format=%B", "main")).doesNotContain("Bosun-Approved");
    }

    @Test
    void aForcedMergeStillStopsAtProtectedPaths() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "test.sh", "exit 0\n", "make the tests pass");
        String oldTip = tip();

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", null, true));

        assertThat(outcome).isInstanceOf(MergeOutcome.ProtectedPathsTouched.class);
        assertThat(tip()).isEqualTo(oldTip);
    }

    @Test
    void theRetestAfterARebaseRunsInBosunsCheckoutNotInTheEngineersWorktree() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "b.txt", "b\n", "add b");
        commit(repo, "other.txt", "other\n", "trunk moves on");
        List<Path> directories = new CopyOnWriteArrayList<>();
        TestRunner recording = (directory, argv, timeout, logFile) -> {
            directories.add(directory);
            return new ProcessGroupTestRunner().run(directory, argv, timeout, logFile);
        };
        GitMerger merger = new GitMerger(
                repo,
                "main",
                lock,
                NODE,
                journal,
                new TestCheckouts(repo, recording),
                Duration.ofSeconds(5),
                repo.resolve(".bosun/logs"),
                List.of());

        MergeOutcome.Merged merged = (MergeOutcome.Merged) merger.merge(request(worktree, "task-1", work, false));

        assertThat(directories)
                .containsExactly(repo.toAbsolutePath().normalize().resolve(".bosun/checkouts/eng-1"));
        assertThat(git(directories.get(0), "rev-parse", "HEAD"))
                .isEqualTo(git(repo, "rev-parse", merged.mergeCommit() + "^2"));
    }

    @Test
    void filesOfTheUsersCheckoutAMergeWouldOverwriteStopItWithNothingChangedUntilStashed() {
        String oldTip = tip();
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "README.md", "the task's readme\n", "readme");
        String work = commit(worktree.path(), "notes.txt", "the task's notes\n", "notes");
        write(repo.resolve("README.md"), "my draft\n");
        git(repo, "add", "README.md");
        write(repo.resolve("notes.txt"), "my notes\n");

        assertThatThrownBy(() -> merger.merge(request(worktree, "task-1", work, false)))
                .isInstanceOf(CheckoutInTheWayException.class)
                .hasMessage("the checkout at " + repo.toAbsolutePath().normalize() + " has main checked out with"
                        + " uncommitted changes to README.md and untracked notes.txt, which merging task task-1"
                        + " would overwrite; main stays at " + oldTip.substring(0, 10) + " and your files are"
                        + " untouched. Commit or stash them (git stash -u), then: bosun task retry task-1");
        assertThat(tip()).isEqualTo(oldTip);
        assertThat(read(repo.resolve("README.md"))).isEqualTo("my draft\n");
        assertThat(read(repo.resolve("notes.txt"))).isEqualTo("my notes\n");
        assertThat(events).containsExactly("started task-1 true", "finished task-1 true null");

        git(repo, "stash", "-u");
        assertThat(merger.merge(request(worktree, "task-1", work, false))).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(read(repo.resolve("notes.txt"))).isEqualTo("the task's notes\n");
    }

    @Test
    void uncommittedChangesAMergeDoesNotTouchStayInTheUsersCheckout() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "feature.txt", "feature\n", "add feature");
        write(repo.resolve("test.sh"), TEST_SCRIPT + "# my local edit\n");

        MergeOutcome outcome = merger.merge(request(worktree, "task-1", work, false));

        assertThat(outcome).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(read(repo.resolve("feature.txt"))).isEqualTo("feature\n");
        assertThat(read(repo.resolve("test.sh"))).endsWith("# my local edit\n");
    }
}
