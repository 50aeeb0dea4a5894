package dev.bosun.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real git repositories for tests: {@code git init -b main}, a first commit with {@code test.sh}. */
public final class GitFixture {

    private static final GitCli GIT = new GitCli();

    private GitFixture() {}

    /** A repository on {@code main} whose first commit has {@code test.sh} with {@code script}. */
    public static Path repository(Path dir, String testScript) {
        git(dir, "init", "-q", "-b", "main");
        write(dir.resolve("test.sh"), testScript);
        write(dir.resolve("README.md"), "hello\n");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "initial");
        return dir;
    }

    /** Runs git as a user with an identity (Bosun's own calls must not need one). */
    public static String git(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("-c", "user.name=Tester", "-c", "user.email=tester@localhost"));
        argv.addAll(List.of(args));
        return GIT.orThrow(dir, argv);
    }

    /** Writes {@code file} and commits it; returns the new commit id. */
    public static String commit(Path dir, String file, String content, String message) {
        write(dir.resolve(file), content);
        git(dir, "add", file);
        git(dir, "commit", "-q", "-m", message);
        return git(dir, "rev-parse", "HEAD");
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
