package dev.bosun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository in a temp folder, with a real test command: {@code sh test.sh} prints 80
 * numbered lines (so "the last 50" is checkable), fails when a file contains the word BROKEN,
 * sleeps when {@code slow.txt} holds a number of seconds, and when {@code hold.txt} names a file,
 * runs until that file exists: a test that must find the tests running creates it when they may
 * finish, instead of betting on a sleep being long enough on a busy machine.
 */
public final class TestRepository {

    public static final String TEST_SCRIPT = """
            #!/bin/sh
            # Bosun's sample test: red when any file contains the marker word, green otherwise.
            i=1
            while [ $i -le 80 ]; do echo "check line $i"; i=$((i+1)); done
            if [ -f slow.txt ]; then sleep "$(cat slow.txt)"; fi
            if [ -f hold.txt ]; then while [ ! -e "$(cat hold.txt)" ]; do sleep 0.1; done; fi
            if grep -rl --exclude-dir=.git --exclude=test.sh "BRO""KEN" . ; then
              echo "FAIL: a file is BRO""KEN"
              exit 1
            fi
            echo "PASS"
            """;

    private final Path root;

    private TestRepository(Path root) {
        this.root = root;
    }

    public static TestRepository create(Path root) {
        try {
            Files.createDirectories(root);
            TestRepository repository = new TestRepository(root);
            repository.git("init", "-q", "-b", "main");
            Files.writeString(root.resolve("test.sh"), TEST_SCRIPT);
            Files.writeString(root.resolve("shared.txt"), "original\n");
            Files.writeString(root.resolve("README.md"), "# sample\n");
            repository.git("add", "-A");
            repository.git(
                    "-c",
                    "user.name=Test",
                    "-c",
                    "user.email=test@example.com",
                    "commit",
                    "-q",
                    "-m",
                    "initial commit");
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** Runs git with an argv list and returns its trimmed standard output; fails on a non-zero exit. */
    public String git(String... args) {
        Result result = run(root, prepend("git", args));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + result.output());
        }
        return result.output().trim();
    }

    public boolean branchExists(String branch) {
        return run(root, List.of("git", "rev-parse", "--verify", "--quiet", "refs/heads/" + branch))
                        .exitCode()
                == 0;
    }

    /** Commits on trunk's first-parent history, newest first. */
    public List<String> firstParentHistory(String trunk) {
        return git("rev-list", "--first-parent", trunk).lines().toList();
    }

    /** Runs {@code sh test.sh} on a commit in a throwaway detached worktree. */
    public int testExitCodeAt(String commit, Path scratch) {
        Path tree = scratch.resolve("check-" + commit.substring(0, 12));
        git("worktree", "add", "-q", "--detach", tree.toString(), commit);
        try {
            return run(tree, List.of("sh", "test.sh")).exitCode();
        } finally {
            git("worktree", "remove", "--force", tree.toString());
        }
    }

    public record Result(int exitCode, String output) {}

    public static Result run(Path directory, List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TestTimeouts.scaledMillis(60), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(argv + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> prepend(String first, String... rest) {
        List<String> argv = new ArrayList<>();
        argv.add(first);
        argv.addAll(List.of(rest));
        return argv;
    }
}
