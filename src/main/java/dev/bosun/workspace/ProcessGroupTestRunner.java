package dev.bosun.workspace;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.bosun.Executables;
import dev.bosun.events.LogRotation;
import dev.bosun.security.InheritedEnvironment;
import dev.bosun.security.ProcessMarker;
import dev.bosun.security.ServerMarks;

/**
 * {@link TestRunner} that starts the test command as the leader of its own process group
 * ({@code setsid}), so that a timeout kills everything the tests started, grandchildren included.
 *
 * <p>Output is read line by line by a platform thread while the command runs and written to the
 * log file with known secrets replaced (the redaction given), so a hung run can be watched with
 * {@code tail -f} and a test that prints a secret never puts it on the disk or into the result.
 *
 * <p>The command inherits the same filtered environment as agents ({@link InheritedEnvironment}:
 * none of Bosun's configuration or credentials). Every process of a run carries a mark of its own
 * ({@code BOSUN_TEST_RUN=<random id>}); when the run ends, by exit, timeout or interrupt, the
 * process group and every process still carrying the mark are killed, so a daemon the tests left
 * behind (even one in a session of its own) does not outlive them. See {@link ProcessMarker} for
 * what escapes. They also carry this server's stable marks ({@link ServerMarks}), by which a server
 * started after this one died ends a run it left behind.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProcessGroupTestRunner implements TestRunner {

    /** How long to wait for the output to end after the command exited (a background child may hold it). */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private static final Duration LEFTOVER_KILL = Duration.ofSeconds(10);

    private final Map<String, String> parentEnvironment;
    private final UnaryOperator<String> redaction;
    private final LogRotation logRotation;

    /** Bosun's own environment (filtered), no redaction: for tests of other areas. */
    public ProcessGroupTestRunner() {
        this(System.getenv(), UnaryOperator.identity());
    }

    /** @param redaction replaces known secrets in every line before it is logged or kept; thread-safe */
    public ProcessGroupTestRunner(UnaryOperator<String> redaction) {
        this(System.getenv(), redaction);
    }

    /** @param parentEnvironment what the command would inherit before filtering (Bosun's own environment) */
    public ProcessGroupTestRunner(Map<String, String> parentEnvironment, UnaryOperator<String> redaction) {
        this(parentEnvironment, redaction, LogRotation.off());
    }

    /** @param logRotation renames the test log once it is full, also in the middle of a run */
    public ProcessGroupTestRunner(
            Map<String, String> parentEnvironment, UnaryOperator<String> redaction, LogRotation logRotation) {
        this.parentEnvironment = Map.copyOf(parentEnvironment);
        this.redaction = redaction;
        this.logRotation = logRotation;
    }

    @Override
    public TestResult run(Path directory, List<String> argv, Duration timeout, Path logFile) {
        Instant start = Instant.now();
        Optional<Path> executable = argv.isEmpty() ? Optional.empty() : resolve(directory, argv.get(0));
        try (BufferedWriter file = openLog(logFile)) {
            Log log = new Log(file, redaction);
            log.write("=== " + start + " test run in " + directory + ": " + argv + "\n");
            if (executable.isEmpty()) {
                String line = argv.isEmpty()
                        ? "test command is empty"
                        : argv.get(0).contains("/")
                                ? "test command not found: " + argv.get(0) + " (in " + directory + ")"
                                : "test command not found: " + argv.get(0) + " (searched PATH)";
                log.write(line + "\n=== command missing\n");
                return new TestResult(
                        -1, false, true, Duration.between(start, Instant.now()), List.of(redaction.apply(line)));
            }
            List<String> command = new ArrayList<>();
            // --wait: should setsid ever have to fork, its exit code is still the command's.
            command.addAll(List.of("setsid", "--wait", executable.get().toString()));
            command.addAll(argv.subList(1, argv.size()));
            return execute(directory, command, timeout, log, start, ServerMarks.forLogFile(logFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test log " + logFile, e);
        }
    }

    private TestResult execute(
            Path directory, List<String> command, Duration timeout, Log log, Instant start, ServerMarks serverMarks)
            throws IOException {
        Process process;
        ProcessMarker marker = ProcessMarker.fresh(ProcessMarker.TEST_RUN);
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(InheritedEnvironment.of(parentEnvironment));
            marker.applyTo(builder.environment());
            // Stable marks beside the random one: a server started after this one died finds by them what it left
            // running.
            serverMarks.applyTo(builder.environment());
            process = builder.start();
        } catch (IOException e) {
            String line = redaction.apply("cannot start " + command + ": " + e.getMessage());
            log.write(line + "\n");
            return new TestResult(-1, false, true, Duration.between(start, Instant.now()), List.of(line));
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> pump(process, log, tail, redaction), "bosun-test-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        boolean timedOut;
        try {
            timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                killGroup(process);
            }
            // Whatever is left now (a daemon the tests started, in whatever session) belongs to the
            // run and ends with it; what the command printed is still in the pipe for the pump.
            killLeftovers(marker);
            pump.join(DRAIN.toMillis());
            if (pump.isAlive()) {
                // Something unmarked still holds the output open (it cleared its environment).
                killGroup(process);
                pump.join(DRAIN.toMillis());
            }
        } catch (InterruptedException e) {
            killGroup(process);
            killLeftovers(marker);
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
            log.write(
                    timedOut
                            ? "=== killed after timeout " + timeout + " (" + duration + ")\n"
                            : "=== exit code " + process.exitValue() + " after " + duration + "\n");
        }
        return new TestResult(timedOut ? -1 : process.exitValue(), timedOut, false, duration, lines);
    }

    /** Line by line, so a secret is replaced whole before anything of it reaches the disk or the tail. */
    private static void pump(Process process, Log log, Deque<String> tail, UnaryOperator<String> redaction) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String redacted = redaction.apply(line);
                synchronized (tail) {
                    add(tail, redacted);
                    log.writeRedacted(redacted + "\n");
                }
            }
        } catch (IOException ignored) {
            // the stream closed because the group was killed; the tail has what came before
        }
    }

    /** The log file; every text goes through the redaction first. Flushed after each write for {@code tail -f}. */
    private record Log(BufferedWriter file, UnaryOperator<String> redaction) {
        void write(String text) throws IOException {
            writeRedacted(redaction.apply(text));
        }

        void writeRedacted(String text) throws IOException {
            file.write(text);
            file.flush();
        }
    }

    private static void killLeftovers(ProcessMarker marker) {
        marker.killAll(LEFTOVER_KILL);
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
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
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
        return Executables.find(directory, argv0, System.getenv("PATH"));
    }

    private BufferedWriter openLog(Path logFile) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(logRotation.appendingTo(logFile), StandardCharsets.UTF_8));
    }
}
