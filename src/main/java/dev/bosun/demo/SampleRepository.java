package dev.bosun.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's sample project: a small documentation repository whose real test command
 * ({@code sh test.sh}) checks every guide under {@code docs/} for a title and for leftover
 * {@code FIXME} markers; and, under {@code plans/}, the task bodies the demo plan's architect adds.
 */
final class SampleRepository {

    static final String TEST_SCRIPT = """
            #!/bin/sh
            # The sample project's tests: every guide needs a '# ' title and no FIX""\"ME left in it.
            status=0
            for guide in docs/*.md; do
              if head -n 1 "$guide" | grep -q '^# '; then echo "ok    $guide has a title"
              else echo "FAIL  $guide has no '# ' title on its first line"; status=1; fi
              if grep -n 'FIX''ME' "$guide"; then echo "FAIL  $guide still has a FIX""ME"; status=1
              else echo "ok    $guide is finished"; fi
            done
            exit $status
            """;

    private SampleRepository() {}

    /** Creates the repository unless {@code root} already is one; never touches an existing one. */
    static boolean createIfMissing(Path root) {
        if (Files.isDirectory(root.resolve(".git"))) {
            return false;
        }
        try {
            Files.createDirectories(root.resolve("docs"));
            Files.writeString(root.resolve("test.sh"), TEST_SCRIPT);
            Files.writeString(root.resolve("docs/index.md"), "# Sample project\n\nGuides live in this folder.\n");
            Files.writeString(root.resolve("README.md"), "# Bosun demo repository\n\nRun `sh test.sh` to test.\n");
            Files.createDirectories(root.resolve(DemoPlan.BODIES));
            for (var body : DemoPlan.taskBodies().entrySet()) {
                Files.writeString(root.resolve(DemoPlan.BODIES).resolve(body.getKey()), body.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo repository in " + root, e);
        }
        git(root, "init", "-q", "-b", "main");
        git(root, "add", "test.sh", "docs", "README.md", DemoPlan.BODIES);
        git(
                root,
                "-c",
                "user.name=Bosun demo",
                "-c",
                "user.email=demo@bosun.local",
                "commit",
                "-q",
                "-m",
                "Sample project for the Bosun demo");
        return true;
    }

    private static void git(Path root, String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(argv)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed in " + root + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", argv) + " could not run in " + root, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
