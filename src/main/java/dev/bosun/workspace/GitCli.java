package dev.bosun.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.bosun.BosunProperties;
import dev.bosun.runtime.Attempts;
import dev.bosun.security.InheritedEnvironment;

/**
 * Runs the git command line, for what JGit cannot do ({@code worktree add}) or does differently
 * from git ({@code switch}, {@code stash}, {@code rebase}).
 *
 * <p>Every call is an argv list, never a shell string. The environment carries a committer (and,
 * for {@code stash}, an author) so that commands which write commits work in repositories without
 * a configured user, and disables every interactive prompt. Thread-safe and stateless.
 */
public final class GitCli {

    /**
     * The repository's configuration and hooks folder are shared with every agent's worktree, and
     * an agent can write both: a hook (or {@code core.hooksPath}, or a file-system monitor) would run
     * its code inside Bosun's own git commands (rebase, stash, the fast-forward in the user's
     * checkout), outside any turn, so nothing would ever kill it. Bosun's commands run without them.
     */
    static final List<String> UNTRUSTED_CONFIGURATION_OFF =
            List.of("-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false");

    /** How a git command ended: its exit code and its stdout and stderr, merged. */
    public record Result(List<String> command, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private static final java.util.regex.Pattern CONTENTION =
            java.util.regex.Pattern.compile("\\.lock'?: File exists|cannot lock ref|failed to read .*commondir");

    /** After this a git command is killed and reported as failed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Duration timeout;
    private final Attempts contention;

    public GitCli() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout after this a git command is killed and reported as failed */
    public GitCli(Duration timeout) {
        this(timeout, BosunProperties.Retry.defaults(), Attempts.Sleeper.THREAD);
    }

    /**
     * @param timeout after this a git command is killed and reported as failed
     * @param retry   how often a command that met another git command's lock is run, and how long apart
     * @param sleeper waits between those attempts
     */
    public GitCli(Duration timeout, BosunProperties.Retry retry, Attempts.Sleeper sleeper) {
        this.timeout = timeout;
        this.contention = Attempts.growing(retry.gitAttempts(), retry.gitWait(), sleeper);
    }

    public Result run(Path directory, String... args) {
        return run(directory, List.of(args));
    }

    /**
     * Runs {@code git <args>} in {@code directory}; a non-zero exit is a result, not an exception.
     * Worktrees share one repository, so two engineers' commands can meet on a ref lock (a stash
     * in each worktree writes refs/stash) or on a worktree being created; git then fails at once
     * without changing anything, and the command is tried again.
     */
    public Result run(Path directory, List<String> args) {
        return contention.until(() -> runOnce(directory, args), result -> !result.ok() && contended(result));
    }

    private static boolean contended(Result result) {
        return CONTENTION.matcher(result.output()).find();
    }

    private Result runOnce(Path directory, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(UNTRUSTED_CONFIGURATION_OFF);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // Hooks and git's helpers run with this environment: never Bosun's own credentials.
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = InheritedEnvironment.of(env);
        env.clear();
        env.putAll(inherited);
        configure(env, args);
        try {
            Process process = builder.start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            // Drain on a separate thread: a chatty command would otherwise block on a full pipe.
            Thread reader = new Thread(() -> copy(process.getInputStream(), output), "git-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                reader.join(1000);
                return new Result(command, -1, text(output) + "\n(killed after " + timeout + ")");
            }
            reader.join();
            return new Result(command, process.exitValue(), text(output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running " + command + " in " + directory, e);
        }
    }

    public String orThrow(Path directory, String... args) {
        return orThrow(directory, List.of(args));
    }

    /**
     * Runs {@code git <args>} and returns its trimmed output.
     *
     * @throws GitException on a non-zero exit, with the command and git's output in the message
     */
    public String orThrow(Path directory, List<String> args) {
        Result result = run(directory, args);
        if (!result.ok()) {
            throw new GitException(String.join(" ", result.command()) + " in " + directory + " failed with exit code "
                    + result.exitCode() + ": " + result.output().strip());
        }
        return result.output().strip();
    }

    /** Whether the working tree has changes, staged or not, or untracked files that are not ignored. */
    public boolean isDirty(Path worktree) {
        return !orThrow(worktree, "status", "--porcelain", "--untracked-files=all")
                .isEmpty();
    }

    /**
     * Stashes tracked and untracked changes under {@code message} when there are any.
     *
     * @return a one-line note of what was stashed, or empty when the worktree was clean
     */
    public Optional<String> stashIfDirty(Path worktree, String message) {
        String status = orThrow(worktree, "status", "--porcelain", "--untracked-files=all");
        if (status.isEmpty()) {
            return Optional.empty();
        }
        long files = status.lines().count();
        orThrow(worktree, "stash", "push", "--include-untracked", "-m", message);
        return Optional.of("stashed " + files + " uncommitted file(s) in " + worktree + " as \"" + message
                + "\" (git stash list)");
    }

    /**
     * Aborts a rebase, {@code am}, merge, cherry-pick or revert that was left in progress in
     * {@code worktree} (an agent that ran {@code git rebase main}, hit a conflict and exited). While
     * one is in progress {@code stash} and {@code switch} fail, so every later step would too.
     * Aborting puts the branch back at the tip it had before the operation started: no commit is
     * lost, only the half-done resolution in the working tree.
     *
     * @return a one-line note of what was aborted, or empty when nothing was in progress
     */
    public Optional<String> abortOperationInProgress(Path worktree) {
        // One git process for both: the top level, and the worktree's own git dir
        // (.git/worktrees/<name>), where git keeps this state per worktree.
        Result where = run(worktree, "rev-parse", "--show-toplevel", "--git-dir");
        List<String> lines = where.ok() ? where.output().strip().lines().toList() : List.of();
        // Its two answers are the last lines (a warning of git's would come before them).
        lines = lines.subList(Math.max(0, lines.size() - 2), lines.size());
        if (lines.size() != 2 || !isSameFolder(lines.get(0), worktree)) {
            // Not a worktree of its own (a stale folder inside the repository): git would find the
            // enclosing checkout, and aborting there would throw away the user's own merge.
            return Optional.empty();
        }
        Path gitDir = worktree.resolve(lines.get(1));
        String operation;
        List<String> abort;
        if (Files.isDirectory(gitDir.resolve("rebase-merge"))) {
            operation = "rebase";
            abort = List.of("rebase", "--abort");
        } else if (Files.exists(gitDir.resolve("rebase-apply").resolve("applying"))) {
            operation = "am";
            abort = List.of("am", "--abort");
        } else if (Files.isDirectory(gitDir.resolve("rebase-apply"))) {
            operation = "rebase";
            abort = List.of("rebase", "--abort");
        } else if (Files.exists(gitDir.resolve("MERGE_HEAD"))) {
            operation = "merge";
            abort = List.of("merge", "--abort");
        } else if (Files.exists(gitDir.resolve("CHERRY_PICK_HEAD"))) {
            operation = "cherry-pick";
            abort = List.of("cherry-pick", "--abort");
        } else if (Files.exists(gitDir.resolve("REVERT_HEAD"))) {
            operation = "revert";
            abort = List.of("revert", "--abort");
        } else {
            return Optional.empty();
        }
        orThrow(worktree, abort);
        return Optional.of("aborted a " + operation + " left in progress in " + worktree + " (git "
                + String.join(" ", abort) + ")");
    }

    /**
     * True when {@code folder} is the top level of a checkout of its own. A stale folder inside
     * the repository is not: git run there works on the enclosing checkout.
     */
    public boolean isTopLevel(Path folder) {
        Result top = run(folder, "rev-parse", "--show-toplevel");
        return top.ok() && isSameFolder(top.output().strip(), folder);
    }

    private static boolean isSameFolder(String topLevel, Path directory) {
        try {
            return Path.of(topLevel).toRealPath().equals(directory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static void configure(Map<String, String> env, List<String> args) {
        // A caller's GIT_DIR (e.g. when Bosun runs from a hook) would redirect every command.
        env.keySet().removeAll(List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"));
        env.put("GIT_COMMITTER_NAME", "Bosun");
        env.put("GIT_COMMITTER_EMAIL", "bosun@localhost");
        if (!args.isEmpty() && args.get(0).equals("stash")) {
            env.put("GIT_AUTHOR_NAME", "Bosun");
            env.put("GIT_AUTHOR_EMAIL", "bosun@localhost");
        }
        env.put("GIT_TERMINAL_PROMPT", "0");
        // Nothing Bosun runs may wait for an editor or a pager nobody will ever see.
        env.put("GIT_EDITOR", "true");
        env.put("GIT_PAGER", "cat");
        env.put("LC_ALL", "C");
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process was killed; what was read so far is all there is
        }
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }
}
