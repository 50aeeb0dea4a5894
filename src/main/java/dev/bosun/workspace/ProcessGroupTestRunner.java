package dev.bosun.workspace;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link TestRunner} that starts the test command as the leader of its own process group
 * ({@code setsid}), so that a timeout kills everything the tests started, grandchildren included.
 *
 * <p>Output is streamed to the log file by a platform thread while the command runs, so a hung
 * run can be watched with {@code tail -f}. Stateless and thread-safe.
 */
public final class ProcessGroupTestRunner implements TestRunner {

    /** How long to wait for the output to end after the command exited (a background child may hold it). */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    @Override
    public TestResult run(Path directory, List<String> argv, Duration timeout, Path logFile) {
        Instant start = Instant.now();
        Optional<Path> executable = argv.isEmpty() ? Optional.empty() : resolve(directory, argv.get(0));
        try (BufferedWriter log = openLog(logFile)) {
            log.write("=== " + start + " test run in " + directory + ": " + argv + "\n");
            if (executable.isEmpty()) {
                String line = argv.isEmpty() ? "test command is empty"
                        : argv.get(0).contains("/")
                        ? "test command not found: " + argv.get(0) + " (in " + directory + ")"
                        : "test command not found: " + argv.get(0) + " (searched PATH)";
                log.write(line + "\n=== command missing\n");
                return new TestResult(-1, false, true, Duration.between(start, Instant.now()), List.of(line));
            }
            List<String> command = new ArrayList<>();
            // --wait: should setsid ever have to fork, its exit code is still the command's.
            command.addAll(List.of("setsid", "--wait", executable.get().toString()));
            command.addAll(argv.subList(1, argv.size()));
            return execute(directory, command, timeout, log, start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test log " + logFile, e);
        }
    }

    private TestResult execute(Path directory, List<String> command, Duration timeout, BufferedWriter log,
                               Instant start) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            String line = "cannot start " + command + ": " + e.getMessage();
            log.write(line + "\n");
            return new TestResult(-1, false, true, Duration.between(start, Instant.now()), List.of(line));
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> pump(process, log, tail), "bosun-test-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        boolean timedOut;
        try {
            timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                killGroup(process);
            }
            pump.join(DRAIN.toMillis());
            if (pump.isAlive()) {
                // A leftover background process still holds the output open: it belongs to the run.
                killGroup(process);
                pump.join(DRAIN.toMillis());
            }
        } catch (InterruptedException e) {
            killGroup(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running tests " + command, e);
        }
        Duration duration = Duration.between(start, Instant.now());
        List<String> lines;
        synchronized (tail) {
            if (timedOut) {
                add(tail, "bosun: killed the test process group after the timeout of " + timeout);
            }
            lines = List.copyOf(tail);
            log.write(timedOut ? "=== killed after timeout " + timeout + " (" + duration + ")\n"
                    : "=== exit code " + process.exitValue() + " after " + duration + "\n");
            log.flush();
        }
        return new TestResult(timedOut ? -1 : process.exitValue(), timedOut, false, duration, lines);
    }

    private static void pump(Process process, BufferedWriter log, Deque<String> tail) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (tail) {
                    add(tail, line);
                    log.write(line);
                    log.newLine();
                    log.flush();
                }
            }
        } catch (IOException ignored) {
            // the stream closed because the group was killed; the tail has what came before
        }
    }

    private static void add(Deque<String> tail, String line) {
        tail.addLast(line);
        while (tail.size() > TestResult.TAIL_LINES) {
            tail.removeFirst();
        }
    }

    /** Kills the whole process group (pgid = pid thanks to setsid), then any descendant that left it. */
    private static void killGroup(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall through: killing the descendants one by one still stops the run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resolves like a shell would: a name with a slash is a path (relative to the worktree), else PATH. */
    static Optional<Path> resolve(Path directory, String argv0) {
        if (argv0.contains("/")) {
            Path path = directory.resolve(argv0);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            Path candidate = directory.resolve(dir.isEmpty() ? "." : dir).resolve(argv0);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static BufferedWriter openLog(Path logFile) throws IOException {
        if (logFile.getParent() != null) {
            Files.createDirectories(logFile.getParent());
        }
        return Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
