package dev.bosun.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What every section works with: the project's build (its {@code bin/bosun}, the one a user runs),
 * temporary folders that are deleted afterwards, and a helper to run commands as argv lists.
 */
final class BenchmarkWorkspace implements AutoCloseable {

    private final Path project;
    private final Path scratch;

    BenchmarkWorkspace(Path project) throws IOException {
        this.project = project.toAbsolutePath().normalize();
        this.scratch = Files.createTempDirectory("bosun-benchmark-");
    }

    /** The checkout the benchmark runs in. */
    Path project() {
        return project;
    }

    /** The {@code bosun} command a user puts on PATH. */
    Path bosun() {
        return project.resolve("bin").resolve("bosun");
    }

    /** A new empty folder under the scratch folder. */
    Path folder(String name) throws IOException {
        return Files.createTempDirectory(scratch, name + "-");
    }

    /**
     * A git repository on {@code main} with one commit holding {@code test.sh} (exit 0, ~0 s) and,
     * when {@code template} is not null, the team file {@code bosun init --template} writes.
     */
    Path repository(String name, String template) throws IOException, InterruptedException {
        Path root = folder(name);
        Files.writeString(root.resolve("test.sh"), "exit 0\n");
        Files.writeString(root.resolve("README.md"), "# " + name + "\n");
        run(root, Map.of(), "git", "init", "-q", "-b", "main").orFail();
        run(root, Map.of(), "git", "config", "user.email", "bench@bosun.dev").orFail();
        run(root, Map.of(), "git", "config", "user.name", "Benchmark").orFail();
        run(root, Map.of(), "git", "add", "-A").orFail();
        run(root, Map.of(), "git", "commit", "-q", "-m", "start").orFail();
        if (template != null) {
            run(root, Map.of(), bosun().toString(), "init", "--template", template)
                    .orFail();
        }
        return root;
    }

    /** Runs {@code argv} in {@code directory} with {@code environment} added to this JVM's; waits up to 10 minutes. */
    Result run(Path directory, Map<String, String> environment, String... argv)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(scratch, "out-", ".txt");
        Path err = Files.createTempFile(scratch, "err-", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " did not end within 10 minutes");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new Result(
                List.of(argv),
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                millis);
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(scratch)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(scratch)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    /** A finished command: its argv, exit code, output and wall time. */
    record Result(List<String> argv, int exitCode, String out, String err, double millis) {

        Result orFail() {
            if (exitCode != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + exitCode + ":\n" + out + err);
            }
            return this;
        }
    }
}
