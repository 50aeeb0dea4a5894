package dev.bosun.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link CommitTests} in git worktrees that only Bosun uses, {@code <repository>/.bosun/checkouts/<name>},
 * created detached with the git CLI like the engineers' worktrees. The agent's own worktree is
 * never tested: what an agent leaves there uncommitted, or changes after its last commit, cannot
 * turn a red commit green.
 *
 * <p>An agent runs as the same user and could write into these folders too, so every run first
 * forces the checkout to the commit ({@code checkout --force --detach}) and deletes everything
 * else ({@code clean -ffdx}, ignored files included), and checks that no tracked file is hidden
 * from the working tree (sparse checkout, skip-worktree or assume-unchanged bits); such a checkout
 * is made anew. Hooks, a file-system monitor and sparse checkout are switched off for these
 * commands: the repository's configuration and hooks folder are shared with the agents' worktrees.
 * Not covered: content filters ({@code .gitattributes} with a smudge driver in the shared
 * configuration) rewrite files on checkout for every worktree alike.
 */
public final class TestCheckouts implements CommitTests {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    /**
     * Settings an agent could have written into the shared repository configuration to hide files
     * from these checkouts (hooks and a file-system monitor are off for every Bosun git command,
     * see {@link GitCli}).
     */
    private static final List<String> GUARDS =
            List.of("-c", "core.sparseCheckout=false", "-c", "core.untrackedCache=false");

    private final Path repository;
    private final Path checkoutsDir;
    private final TestRunner runner;
    private final GitCli git;
    private final WorktreeRegistry registry;
    /** One run per checkout at a time; different checkouts run in parallel. */
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    /** {@code git worktree add} fails when another worktree is being added at the same moment. */
    private final Object adding = new Object();

    public TestCheckouts(Path repository, TestRunner runner) {
        this(repository, runner, new GitCli());
    }

    public TestCheckouts(Path repository, TestRunner runner, GitCli git) {
        this.repository = repository.toAbsolutePath().normalize();
        this.checkoutsDir = this.repository.resolve(".bosun").resolve("checkouts");
        this.runner = runner;
        this.git = git;
        this.registry = new WorktreeRegistry(this.repository, git);
    }

    @Override
    public TestResult run(String checkout, String commit, List<String> argv, Duration timeout, Path logFile) {
        if (!NAME.matcher(checkout).matches()) {
            throw new IllegalArgumentException("not a checkout name: " + checkout);
        }
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("not a full commit id: " + commit);
        }
        synchronized (locks.computeIfAbsent(checkout, name -> new Object())) {
            Path path = checkoutAt(checkout, commit);
            return runner.run(path, argv, timeout, logFile);
        }
    }

    /** The checkout, existing, at exactly {@code commit}, with nothing else in it and nothing missing. */
    Path checkoutAt(String checkout, String commit) {
        Path path = checkoutsDir.resolve(checkout);
        ensureCheckout(path, commit);
        if (!moveTo(path, commit)) {
            // Files hidden from the working tree (sparse checkout, skip-worktree bits) survive a
            // forced checkout; a new worktree has none.
            synchronized (adding) {
                deleteRecursively(path);
                addWorktree(path, commit);
            }
            if (!moveTo(path, commit)) {
                throw new GitException("test checkout " + path + " does not show every file of " + commit
                        + " even when made anew; check sparse-checkout and skip-worktree settings of " + repository);
            }
        }
        return path;
    }

    /** @return whether the working tree is now exactly {@code commit}'s files */
    private boolean moveTo(Path path, String commit) {
        git.orThrow(path, guarded("checkout", "-q", "--force", "--detach", commit));
        git.orThrow(path, guarded("clean", "-q", "-ffdx"));
        String head = git.orThrow(path, guarded("rev-parse", "--verify", "HEAD^{commit}"));
        if (!head.equals(commit)) {
            throw new GitException("test checkout " + path + " is at " + head + ", not at " + commit);
        }
        // ls-files -v tags every plain tracked file "H"; "S" (skip-worktree) and lowercase
        // (assume-unchanged) mean git would not notice the file missing or changed.
        boolean everyFilePlain = Arrays.stream(
                        git.orThrow(path, guarded("ls-files", "-v", "-z")).split("\0"))
                .filter(entry -> !entry.isEmpty())
                .allMatch(entry -> entry.startsWith("H "));
        return everyFilePlain
                && git.orThrow(path, guarded("status", "--porcelain", "--ignored", "--untracked-files=all"))
                        .isEmpty();
    }

    private void ensureCheckout(Path path, String commit) {
        synchronized (adding) {
            InfoExclude.ensure(repository, git, GitWorktrees.EXCLUDES);
            if (Files.isDirectory(path) && registry.isRegistered(path) && sharesThisRepository(path)) {
                return;
            }
            // Bosun's own folder, never an engineer's: whatever is there (a crash, an agent) goes.
            deleteRecursively(path);
            addWorktree(path, commit);
        }
    }

    private void addWorktree(Path path, String commit) {
        git.orThrow(repository, "worktree", "prune");
        try {
            Files.createDirectories(checkoutsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + checkoutsDir, e);
        }
        git.orThrow(repository, guarded("worktree", "add", "-q", "--detach", path.toString(), commit));
    }

    /** An agent could point the checkout's {@code .git} file at another repository. */
    private boolean sharesThisRepository(Path path) {
        GitCli.Result common = git.run(path, "rev-parse", "--path-format=absolute", "--git-common-dir");
        GitCli.Result ours = git.run(repository, "rev-parse", "--path-format=absolute", "--git-common-dir");
        try {
            return common.ok()
                    && ours.ok()
                    && Path.of(common.output().strip())
                            .toRealPath()
                            .equals(Path.of(ours.output().strip()).toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> guarded(String... args) {
        return Stream.concat(GUARDS.stream(), Stream.of(args)).toList();
    }

    /** Deletes a folder tree without following symbolic links out of it. */
    private static void deleteRecursively(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale test checkout " + path, e);
        }
    }
}
