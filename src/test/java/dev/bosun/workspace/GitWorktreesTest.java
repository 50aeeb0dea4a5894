package dev.bosun.workspace;

import static dev.bosun.workspace.GitFixture.commit;
import static dev.bosun.workspace.GitFixture.git;
import static dev.bosun.workspace.GitFixture.read;
import static dev.bosun.workspace.GitFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorktreesTest {

    @TempDir
    Path repo;

    GitWorktrees worktrees;
    String trunkTip;

    @BeforeEach
    void setUp() {
        GitFixture.repository(repo, "exit 0\n");
        trunkTip = git(repo, "rev-parse", "main");
        worktrees = new GitWorktrees(repo, "main");
    }

    @Test
    void createsTheWorktreeOnceAndReusesItForTheNextTask() {
        Worktree first = worktrees.prepare("eng-1", "task-1");
        assertThat(first.path()).isEqualTo(repo.resolve(".bosun/worktrees/eng-1"));
        assertThat(first.branch()).isEqualTo("eng-1/task-1");
        assertThat(worktrees.head(first)).isEqualTo(trunkTip);
        String gitFile = read(first.path().resolve(".git"));
        commit(first.path(), "a.txt", "a\n", "work on task 1");

        Worktree second = worktrees.prepare("eng-1", "task-2");

        assertThat(second.path()).isEqualTo(first.path());
        assertThat(read(second.path().resolve(".git"))).isEqualTo(gitFile);
        assertThat(git(repo, "worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .hasSize(2);
        assertThat(git(second.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-1/task-2");
        assertThat(worktrees.head(second))
                .as("a new branch starts at trunk's tip")
                .isEqualTo(trunkTip);
    }

    @Test
    void locateNamesWhatPrepareGivesAndTouchesNothing() {
        Worktree located = worktrees.locate("eng-1", "task-1", null);

        assertThat(Files.exists(repo.resolve(".bosun/worktrees/eng-1")))
                .as("nothing created")
                .isFalse();
        assertThat(located).isEqualTo(worktrees.prepare("eng-1", "task-1"));
        commit(located.path(), "a.txt", "a\n", "work on task 1");
        assertThat(worktrees.commitsAheadOfTrunk(worktrees.locate("eng-1", "task-1", null)))
                .isEqualTo(1);
        assertThat(worktrees.locate("eng-2", "task-1", "eng-1/task-1").branch())
                .as("a task taken up again keeps its branch")
                .isEqualTo("eng-1/task-1");
        assertThatThrownBy(() -> worktrees.locate("eng-1", "bad..id", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad..id");
    }

    @Test
    void anotherEngineerTakesUpAnEscalatedTasksBranchAsItIsAndTheFirstWorktreeLetsItGo() {
        Worktree first = worktrees.prepare("eng-1", "7");
        String work = commit(first.path(), "a.txt", "a\n", "first attempt");
        write(first.path().resolve("notes.txt"), "left uncommitted\n");

        Worktree second = worktrees.prepare("eng-2", "7", "eng-1/7");

        assertThat(second.path()).isEqualTo(repo.resolve(".bosun/worktrees/eng-2"));
        assertThat(second.branch())
                .as("the branch keeps its first engineer's name")
                .isEqualTo("eng-1/7");
        assertThat(worktrees.head(second))
                .as("continues on the branch as it is")
                .isEqualTo(work);
        assertThat(git(second.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-1/7");
        assertThat(git(first.path(), "rev-parse", "HEAD"))
                .as("the first worktree is detached at the same commit: its files stay")
                .isEqualTo(work);
        assertThat(git(first.path(), "status", "--porcelain")).isEmpty();
        assertThat(git(repo, "stash", "list"))
                .as("what was left uncommitted is kept, under a name naming the branch")
                .contains("leftovers on eng-1/7");
        assertThat(git(repo, "rev-parse", "eng-1/7")).isEqualTo(work);
    }

    @Test
    void aTaskBranchCheckedOutInTheUsersOwnCheckoutIsNeverTakenFromIt() {
        Worktree first = worktrees.prepare("eng-1", "8");
        commit(first.path(), "b.txt", "b\n", "work");
        git(first.path(), "switch", "-q", "--detach");
        git(repo, "switch", "-q", "eng-1/8");

        assertThatThrownBy(() -> worktrees.prepare("eng-2", "8", "eng-1/8"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already checked out in worktree");
        assertThat(git(repo, "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-1/8");
    }

    @Test
    void aMemberWithoutATaskGetsItsOwnDetachedWorktreeAtTrunksTipAndNeverLosesItsCommits() {
        Path own = worktrees.prepareWithoutTask("architect");
        assertThat(own).isEqualTo(repo.resolve(".bosun/worktrees/architect"));
        assertThat(git(own, "rev-parse", "HEAD")).isEqualTo(trunkTip);
        assertThat(git(own, "status", "--porcelain", "--branch")).startsWith("## HEAD (no branch)");

        String moved = commit(repo, "trunk.txt", "t\n", "trunk moves on");
        write(own.resolve("notes.txt"), "uncommitted\n");
        assertThat(worktrees.prepareWithoutTask("architect")).isEqualTo(own);
        assertThat(git(own, "rev-parse", "HEAD")).as("follows trunk").isEqualTo(moved);
        assertThat(git(own, "stash", "list")).contains("architect");

        String mine = commit(own, "plan.txt", "plan\n", "architect's own commit");
        commit(repo, "trunk2.txt", "t\n", "trunk moves again");
        worktrees.prepareWithoutTask("architect");
        assertThat(git(own, "rev-parse", "HEAD"))
                .as("an own commit is never dropped")
                .isEqualTo(mine);
    }

    @Test
    void aMemberWhoCheckedOutTrunkInItsWorktreeIsDetachedAgain() {
        Path own = worktrees.prepareWithoutTask("architect");
        git(repo, "switch", "-q", "-c", "users-branch");
        git(own, "switch", "-q", "main");

        assertThat(worktrees.prepareWithoutTask("architect")).isEqualTo(own);

        assertThat(git(own, "status", "--porcelain", "--branch"))
                .as("no branch, so no commit moves trunk")
                .startsWith("## HEAD (no branch)");
        assertThat(git(own, "rev-parse", "HEAD")).isEqualTo(trunkTip);
    }

    @Test
    void anEngineersTaskBranchStaysInFrontOfItOutsideTheTask() {
        Worktree task = worktrees.prepare("eng-1", "task-1");
        String work = commit(task.path(), "a.txt", "a\n", "work");
        commit(repo, "trunk.txt", "t\n", "trunk moves on");

        assertThat(worktrees.prepareWithoutTask("eng-1")).isEqualTo(task.path());
        assertThat(git(task.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-1/task-1");
        assertThat(worktrees.head(task)).isEqualTo(work);
        assertThatThrownBy(() -> worktrees.prepareWithoutTask("../x")).hasMessageContaining("../x");
    }

    @Test
    void anExistingBranchIsCheckedOutAsItIs() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "a.txt", "a\n", "work");
        commit(repo, "trunk.txt", "t\n", "trunk moves on");

        assertThat(worktrees.prepare("eng-1", "task-1")).isEqualTo(worktree);
        assertThat(worktrees.head(worktree)).isEqualTo(work);

        worktrees.prepare("eng-1", "task-2");
        Worktree again = worktrees.prepare("eng-1", "task-1");
        assertThat(worktrees.head(again)).as("never reset to trunk").isEqualTo(work);
        assertThat(worktrees.commitsAheadOfTrunk(again)).isEqualTo(1);
    }

    @Test
    void leftoversOfAnEarlierTaskAreStashedNotLost() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        write(worktree.path().resolve("README.md"), "changed\n");
        write(worktree.path().resolve("new.txt"), "untracked\n");

        Worktree next = worktrees.prepare("eng-1", "task-2");

        assertThat(git(next.path(), "status", "--porcelain")).isEmpty();
        assertThat(git(next.path(), "stash", "list")).contains("eng-1").contains("eng-1/task-1");
        String stashed = git(next.path(), "stash", "show", "-p", "--include-untracked", "stash@{0}");
        assertThat(stashed).contains("+changed").contains("+untracked");
    }

    @Test
    void addsBosunFoldersToInfoExcludeOnce() throws IOException {
        Files.writeString(repo.resolve(".git/info/exclude"), "*.swp");
        worktrees.prepare("eng-1", "task-1");
        new GitWorktrees(repo, "main").prepare("eng-2", "task-2");

        String exclude = read(repo.resolve(".git/info/exclude"));
        assertThat(exclude).startsWith("*.swp\n");
        for (String line : GitWorktrees.EXCLUDES) {
            assertThat(exclude.lines().filter(line::equals)).hasSize(1);
        }
        assertThat(repo.resolve(".gitignore")).doesNotExist();
        Files.createDirectories(repo.resolve(".bosun/logs"));
        Files.writeString(repo.resolve(".bosun/logs/eng-1.log"), "x");
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void countsCommitsAheadOfTrunk() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        assertThat(worktrees.commitsAheadOfTrunk(worktree)).isZero();
        commit(worktree.path(), "a.txt", "a\n", "one");
        commit(worktree.path(), "b.txt", "b\n", "two");
        commit(repo, "trunk.txt", "t\n", "trunk moves on");
        assertThat(worktrees.commitsAheadOfTrunk(worktree)).isEqualTo(2);
    }

    @Test
    void refusesABranchCheckedOutInAnotherWorktree() {
        git(
                repo,
                "worktree",
                "add",
                "-q",
                "-b",
                "eng-1/task-5",
                repo.resolveSibling(repo.getFileName() + "-other").toString());

        assertThatThrownBy(() -> worktrees.prepare("eng-1", "task-5"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("eng-1/task-5 is already checked out");
    }

    @Test
    void aStaleFolderIsMovedAsideAndTheWorktreeRecreated() throws IOException {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String work = commit(worktree.path(), "a.txt", "a\n", "work");
        // a crash that lost git's registration but left the folder with a file in it
        Path admin = repo.resolve(".git/worktrees/eng-1");
        try (Stream<Path> files = Files.walk(admin)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
        write(worktree.path().resolve("notes.txt"), "precious\n");

        Worktree again = worktrees.prepare("eng-1", "task-1");

        assertThat(worktrees.head(again)).isEqualTo(work);
        try (Stream<Path> siblings = Files.list(worktree.path().getParent())) {
            Path aside = siblings.filter(p -> p.getFileName().toString().startsWith("eng-1.stale-"))
                    .findFirst()
                    .orElseThrow();
            assertThat(read(aside.resolve("notes.txt"))).isEqualTo("precious\n");
        }
    }

    @Test
    void setsAsideUncommittedChangesOnlyWhenDirty() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        assertThat(worktrees.setAsideUncommittedChanges(worktree, "before tests"))
                .isEmpty();
        write(worktree.path().resolve("new.txt"), "x\n");

        assertThat(worktrees.setAsideUncommittedChanges(worktree, "before tests"))
                .hasValueSatisfying(
                        note -> assertThat(note).contains("before tests").doesNotContain("\n"));
        assertThat(git(worktree.path(), "status", "--porcelain")).isEmpty();
        assertThat(git(worktree.path(), "stash", "list")).contains("before tests");
    }

    /** eng-1/task-1 with one commit on README.md, trunk with a conflicting one: any replay conflicts. */
    Worktree conflictingBranch() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "README.md", "from eng-1\n", "edit readme");
        commit(repo, "README.md", "from trunk\n", "trunk edits readme");
        return worktree;
    }

    boolean succeeds(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("-c", "user.name=Tester", "-c", "user.email=tester@localhost"));
        argv.addAll(List.of(args));
        return new GitCli().run(dir, argv).ok();
    }

    @Test
    void aRebaseLeftInProgressByTheAgentIsAbortedAndTheBranchKeepsItsCommits() {
        Worktree worktree = conflictingBranch();
        String work = git(worktree.path(), "rev-parse", "HEAD");
        assertThat(succeeds(worktree.path(), "rebase", "main")).as("conflicts").isFalse();

        Worktree again = worktrees.prepare("eng-1", "task-1");

        assertThat(git(again.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-1/task-1");
        assertThat(worktrees.head(again)).as("back at the pre-rebase tip").isEqualTo(work);
        assertThat(git(again.path(), "status", "--porcelain")).isEmpty();
        assertThat(worktrees.prepare("eng-1", "task-2").branch())
                .as("switching works again")
                .isEqualTo("eng-1/task-2");
        assertThat(git(repo, "rev-parse", "eng-1/task-1")).isEqualTo(work);
    }

    @Test
    void aMergeLeftInProgressIsAbortedBeforeSwitchingToTheNextTask() {
        Worktree worktree = conflictingBranch();
        String work = git(worktree.path(), "rev-parse", "HEAD");
        assertThat(succeeds(worktree.path(), "merge", "main")).as("conflicts").isFalse();

        Worktree next = worktrees.prepare("eng-1", "task-2");

        assertThat(git(next.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("eng-1/task-2");
        assertThat(git(repo, "rev-parse", "eng-1/task-1")).isEqualTo(work);
        assertThat(next.path().resolve(git(next.path(), "rev-parse", "--git-path", "MERGE_HEAD")))
                .doesNotExist();
    }

    @Test
    void aCherryPickOrRevertLeftInProgressIsAbortedBeforeSettingChangesAside() {
        Worktree worktree = conflictingBranch();
        String work = git(worktree.path(), "rev-parse", "HEAD");
        assertThat(succeeds(worktree.path(), "cherry-pick", "main"))
                .as("conflicts")
                .isFalse();

        assertThat(worktrees.setAsideUncommittedChanges(worktree, "before tests"))
                .isEmpty();
        assertThat(worktrees.head(worktree)).isEqualTo(work);
        assertThat(git(worktree.path(), "status", "--porcelain")).isEmpty();

        commit(worktree.path(), "README.md", "from eng-1 again\n", "edit readme again");
        String again = git(worktree.path(), "rev-parse", "HEAD");
        assertThat(succeeds(worktree.path(), "revert", "--no-edit", "HEAD~1"))
                .as("conflicts")
                .isFalse();

        assertThat(worktrees.setAsideUncommittedChanges(worktree, "before tests"))
                .isEmpty();
        assertThat(worktrees.head(worktree)).isEqualTo(again);
        assertThat(git(worktree.path(), "status", "--porcelain")).isEmpty();
    }
}
