package dev.bosun.workspace;

import static dev.bosun.workspace.GitFixture.commit;
import static dev.bosun.workspace.GitFixture.git;
import static dev.bosun.workspace.GitFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCheckoutsTest {

    /** Red when any file (other than test.sh) holds the word BROKEN, as an ignored or untracked file could. */
    static final String TEST_SCRIPT = "if grep -rl --exclude-dir=.git --exclude=test.sh BRO''KEN . ; then exit 1; fi\n";

    static final List<String> COMMAND = List.of("sh", "test.sh");

    @TempDir
    Path repo;

    GitWorktrees worktrees;
    TestCheckouts checkouts;
    Path log;

    @BeforeEach
    void setUp() {
        GitFixture.repository(repo, TEST_SCRIPT);
        worktrees = new GitWorktrees(repo, "main");
        checkouts = new TestCheckouts(repo, new ProcessGroupTestRunner());
        log = repo.resolve(".bosun/logs/eng-1-tests.log");
    }

    private TestResult run(String commit) {
        return checkouts.run("eng-1", commit, COMMAND, Duration.ofSeconds(30), log);
    }

    @Test
    void testsTheCommitNotTheWorktreeAfterIt() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String red = commit(worktree.path(), "a.txt", "BROKEN\n", "red work");
        // After committing, the agent "fixes" its worktree without committing.
        write(worktree.path().resolve("a.txt"), "fine\n");

        assertThat(run(red).green()).isFalse();
        Path checkout = repo.resolve(".bosun/checkouts/eng-1");
        assertThat(git(checkout, "rev-parse", "HEAD")).isEqualTo(red);
        assertThat(git(repo, "status", "--porcelain"))
                .as("the checkouts folder is excluded")
                .isEmpty();
    }

    @Test
    void nothingLeftInTheCheckoutCountsNextTime() throws Exception {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String green = commit(worktree.path(), "a.txt", "fine\n", "green work");
        assertThat(run(green).green()).isTrue();
        Path checkout = repo.resolve(".bosun/checkouts/eng-1");
        // An agent edits a tracked file and leaves an untracked and an ignored one in Bosun's checkout.
        write(checkout.resolve("a.txt"), "BROKEN\n");
        write(checkout.resolve("left-behind.txt"), "BROKEN\n");
        write(checkout.resolve(".gitignore"), "*.log\n");
        write(checkout.resolve("ignored.log"), "BROKEN\n");

        assertThat(run(green).green()).isTrue();
        assertThat(checkout.resolve("left-behind.txt")).doesNotExist();
        assertThat(checkout.resolve("ignored.log")).doesNotExist();
        assertThat(Files.readString(checkout.resolve("a.txt"))).isEqualTo("fine\n");
    }

    @Test
    void aLeftoverFileCannotMakeARedCommitGreen() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String red = commit(worktree.path(), "a.txt", "BROKEN\n", "red work");
        assertThat(run(red).green()).isFalse();
        Path checkout = repo.resolve(".bosun/checkouts/eng-1");
        write(checkout.resolve("a.txt"), "fine\n");
        write(checkout.resolve("test.sh"), "exit 0\n");

        assertThat(run(red).green()).isFalse();
    }

    @Test
    void filesHiddenBySparseCheckoutOrSkipWorktreeBitsAreShownAgain() {
        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        commit(worktree.path(), "a.txt", "BROKEN\n", "red work");
        String red = commit(worktree.path(), "b.txt", "BROKEN\n", "more red work");
        assertThat(run(red).green()).isFalse();
        Path checkout = repo.resolve(".bosun/checkouts/eng-1");
        git(checkout, "sparse-checkout", "set", "--no-cone", "/*", "!a.txt");
        git(checkout, "update-index", "--skip-worktree", "b.txt");
        write(checkout.resolve("b.txt"), "fine\n");
        assertThat(checkout.resolve("a.txt")).as("hidden by the agent").doesNotExist();

        assertThat(run(red).green()).isFalse();
        assertThat(checkout.resolve("a.txt")).exists();
        assertThat(GitFixture.read(checkout.resolve("b.txt"))).isEqualTo("BROKEN\n");
    }

    @Test
    void aDeletedOrHijackedCheckoutIsMadeAgain() throws Exception {
        String tip = git(repo, "rev-parse", "main");
        assertThat(run(tip).green()).isTrue();
        Path checkout = repo.resolve(".bosun/checkouts/eng-1");
        // An agent points the checkout at a repository of its own whose test.sh always passes.
        Path elsewhere = Files.createDirectories(repo.resolveSibling(repo.getFileName() + "-fake"));
        GitFixture.repository(elsewhere, "exit 0\n");
        Files.writeString(checkout.resolve(".git"), "gitdir: " + elsewhere.resolve(".git") + "\n");

        Worktree worktree = worktrees.prepare("eng-1", "task-1");
        String red = commit(worktree.path(), "a.txt", "BROKEN\n", "red work");
        assertThatThrownBy(() -> git(elsewhere, "cat-file", "-e", red))
                .as("unknown there")
                .isNotNull();
        assertThat(run(red).green()).isFalse();
        assertThat(git(checkout, "rev-parse", "HEAD")).isEqualTo(red);

        deleteTree(checkout);
        assertThat(run(red).green()).isFalse();
    }

    @Test
    void refusesNamesAndIdsThatAreNotPlain() {
        String tip = git(repo, "rev-parse", "main");
        assertThatThrownBy(() -> checkouts.run("../eng-1", tip, COMMAND, Duration.ofSeconds(5), log))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../eng-1");
        assertThatThrownBy(() -> checkouts.run("eng-1", "main", COMMAND, Duration.ofSeconds(5), log))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a full commit id: main");
    }

    private static void deleteTree(Path path) throws Exception {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
