package dev.bosun.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.Executables;
import dev.bosun.events.LogRotation;
import dev.bosun.security.ProcessMarker;
import dev.bosun.security.ServerMarks;

/**
 * Runs one argv as an agent turn in a pseudo-terminal (pty4j): output is appended raw to the
 * request's log file and its last lines kept as plain text; the turn ends when the process
 * exits, or when the timeout kills its whole process tree. An interrupt of the calling thread
 * kills the tree too and ends in {@link TurnInterruptedException}. Before the agent starts, the
 * request's prompt is written to {@link TurnRequest#promptFile()}, named by {@code BOSUN_PROMPT_FILE}
 * in its environment: the one way every agent kind can read a prompt of any size whole.
 *
 * <p>Nothing the turn started outlives it: every process of the turn carries a mark of its own in
 * its environment ({@code BOSUN_TURN=<random id>}, set last so no role {@code env} can replace it),
 * and however the turn ends (exit, timeout, interrupt) every process still carrying it is killed
 * and awaited, including {@code setsid} children and double-forked daemons that left the process
 * group; see {@link ProcessMarker} for what escapes (a child started with a cleared environment).
 * They also carry this server's stable marks ({@link ServerMarks}: {@code BOSUN_HOME},
 * {@code BOSUN_SERVER}), by which a server started after this one died ends what it left running.
 *
 * <p>The conversation a task turn is in is kept in {@link SessionFile} as soon as the CLI names it,
 * and removed when the turn ends; a turn cut short leaves it for the same attempt to resume.
 *
 * <p>Stateless and thread-safe: every call has its own process, reader thread and log handle.
 */
final class PtyTurnRunner {

    static final int TAIL_LINES = 50;
    /** The longest line a format reads whole; Claude Code's final result event carries the whole answer. */
    private static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(PtyTurnRunner.class);
    /** After the agent exits, how long its output may keep draining before leftovers are killed. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    /** How long the marked leftovers of a turn may take to die (SIGKILL is asynchronous). */
    private static final Duration LEFTOVER_KILL = Duration.ofSeconds(10);

    private final UnaryOperator<java.io.OutputStream> logRedaction;
    private final LogRotation logRotation;

    PtyTurnRunner() {
        this(UnaryOperator.identity(), LogRotation.off());
    }

    /**
     * @param logRedaction wraps the terminal log's file stream, so secrets never reach the disk
     * @param logRotation  rotates the terminal log by size, also in the middle of a turn
     */
    PtyTurnRunner(UnaryOperator<java.io.OutputStream> logRedaction, LogRotation logRotation) {
        this.logRedaction = logRedaction;
        this.logRotation = logRotation;
    }

    TurnResult run(List<String> argv, TurnRequest request) {
        return run(argv, request, OutputFormat.PLAIN);
    }

    /** @param format how the kind's output is read: its conversation id, its usage, its rendering */
    TurnResult run(List<String> argv, TurnRequest request, OutputFormat format) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv for " + request.member());
        }
        Map<String, String> env =
                AgentEnvironment.forTurn(System.getenv(), request.environment(), request.workingDirectory());
        // After the role's env, so no role can point its agent at another file.
        env.put(PromptFile.VARIABLE, request.promptFile().toString());
        ProcessMarker marker = ProcessMarker.fresh(ProcessMarker.TURN);
        marker.applyTo(env);
        // Stable marks beside the random one: a server started after this one died finds by them what it left running.
        ServerMarks.forLogFile(request.logFile()).applyTo(env);
        checkStartable(argv.get(0), request.workingDirectory(), env.get("PATH"));
        PromptFile.write(request.promptFile(), request.prompt());
        PtyNatives.useFixedFolder();

        Instant start = Instant.now();
        try (TurnLog log = TurnLog.open(request.logFile(), logRedaction, logRotation)) {
            log.line("=== turn " + subject(request) + " " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " "
                    + argv.get(0) + " ===");
            PtyProcess process = start(argv, request.workingDirectory(), env);
            TerminalTail tail = new TerminalTail(TAIL_LINES);
            OutputFormat.Reading reading = format.start();
            SessionFile.Keeper session = SessionFile.keeper(request);
            Reader output = new Reader(process.getInputStream(), log, tail, reading, format.rendersLines(), session);
            Ending ending;
            int exitCode;
            TurnControl control = request.control();
            try {
                Thread reader = startReader(output, request.member());
                if (control != null) {
                    long pid = process.pid();
                    control.attach(
                            process.getOutputStream(),
                            () -> {
                                killLeftovers(marker, request);
                                ProcessTree.killGroupAndDescendants(pid);
                            },
                            marker::carriers);
                }
                ending = await(process, request.timeout());
                if (ending == Ending.EXITED) {
                    // Marked leftovers first: they get a SIGTERM and a moment to clean up (see
                    // ProcessMarker.killAll); the group's SIGKILL then takes what dropped the mark.
                    killLeftovers(marker, request);
                    ProcessTree.killGroup(process.pid());
                } else {
                    ProcessTree.killGroupAndDescendants(process.pid());
                    waitFor(process, Duration.ofSeconds(10));
                }
                exitCode = process.isAlive() ? -1 : process.exitValue();
                // Before draining: a leftover in a session of its own may still hold the terminal open.
                killLeftovers(marker, request);
                drain(process, reader);
            } catch (RuntimeException | Error e) {
                killLeftovers(marker, request);
                throw e;
            } finally {
                if (control != null) {
                    control.detach();
                }
            }
            TurnControl.Cut cut = control == null ? TurnControl.Cut.NONE : control.cut();
            Duration duration = Duration.between(start, Instant.now());
            String footer = "=== end turn " + subject(request) + ": ";
            if (ending == Ending.INTERRUPTED) {
                throw interrupted(
                        request,
                        log,
                        footer + "interrupted because Bosun stopped; agent killed after " + duration.toMillis()
                                + " ms ===",
                        output.logFailure);
            }
            if (output.logFailure != null) {
                throw output.logFailure;
            }
            log.line(footer
                    + (cut == TurnControl.Cut.RESTART
                            ? "killed by Bosun to be restarted (no sign of life)"
                            : cut == TurnControl.Cut.GIVE_UP
                                    ? "killed by Bosun: stalled (no sign of life after every restart)"
                                    : ending == Ending.TIMED_OUT
                                            ? "killed after timeout " + request.timeout() + " (exit code after kill "
                                                    + exitCode + ")"
                                            : "exit code " + exitCode)
                    + " after " + duration.toMillis() + " ms ===");
            session.turnEnded(); // ended, not cut short: nothing to resume after a restart
            return new TurnResult(
                    exitCode,
                    ending == Ending.TIMED_OUT,
                    duration,
                    tail.lines(),
                    reading.sessionId(),
                    reading.usage(),
                    cut);
        }
    }

    /**
     * What the turn is for, as its log header and footer say it: {@code of task 7, attempt 2}, {@code
     * of plan 3, turn 1} (a planning turn), or {@code on messages}.
     */
    static String subject(TurnRequest request) {
        if (request.taskId() != null) {
            return "of task " + request.taskId() + ", attempt " + request.attempt();
        }
        String plan = request.environment().get("BOSUN_PLAN");
        return plan != null ? "of plan " + plan + ", turn " + request.attempt() : "on messages";
    }

    private enum Ending {
        EXITED,
        TIMED_OUT,
        INTERRUPTED
    }

    private static void killLeftovers(ProcessMarker marker, TurnRequest request) {
        if (!marker.killAll(LEFTOVER_KILL)) {
            logger.warn(
                    "processes of the turn of {} still run {} after they were killed: {}",
                    request.member(),
                    LEFTOVER_KILL,
                    marker.carriers());
        }
    }

    /**
     * An interrupt means Bosun is stopping, not that the agent was slow: the turn did not finish,
     * so it must not come back as a result the engine would record and count as an attempt.
     * The cleanup before this ran with the flag clear so it could wait; it is set again here.
     */
    private static TurnInterruptedException interrupted(
            TurnRequest request, TurnLog log, String footer, RuntimeException logFailure) {
        TurnInterruptedException e = new TurnInterruptedException("turn of " + request.member() + " on task "
                + Objects.toString(request.taskId(), "-") + " attempt " + request.attempt()
                + " interrupted because Bosun stopped; the agent was killed");
        if (logFailure != null) {
            e.addSuppressed(logFailure);
        } else {
            try {
                log.line(footer);
            } catch (RuntimeException footerFailure) {
                e.addSuppressed(footerFailure);
            }
        }
        Thread.currentThread().interrupt();
        return e;
    }

    /** pty4j reports a missing binary late and vaguely, so fail early with a useful message. */
    private static void checkStartable(String binary, Path workingDirectory, String path) {
        if (!Files.isDirectory(workingDirectory)) {
            throw new AgentStartException(
                    "cannot start agent '" + binary + "': working directory " + workingDirectory + " does not exist",
                    null);
        }
        if (Executables.find(workingDirectory, binary, path).isEmpty()) {
            throw AgentStartException.unstartable(
                    "cannot start agent '" + binary + "' in " + workingDirectory + ": not found or not executable"
                            + (binary.contains("/") ? "" : " on the PATH the turn gets (" + path + ")")
                            + "; install it there or set PATH in the role's env in team.yaml",
                    null);
        }
    }

    private static PtyProcess start(List<String> argv, Path workingDirectory, Map<String, String> env) {
        try {
            return new PtyProcessBuilder(argv.toArray(String[]::new))
                    .setDirectory(workingDirectory.toString())
                    .setEnvironment(env)
                    .setRedirectErrorStream(true)
                    .setInitialColumns(160)
                    .setInitialRows(50)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw AgentStartException.unstartable(
                    "cannot start agent '" + argv.get(0) + "' in " + workingDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies PTY output to the log and the tail until end of output. It keeps reading even if
     * the log fails, because an undrained PTY blocks the agent on its next write.
     */
    private static final class Reader implements Runnable {
        private final InputStream in;
        private final TurnLog log;
        private final TerminalTail tail;
        private final OutputFormat.Reading reading;
        private final boolean rendered;
        private final SessionFile.Keeper session;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private volatile RuntimeException logFailure;

        Reader(
                InputStream in,
                TurnLog log,
                TerminalTail tail,
                OutputFormat.Reading reading,
                boolean rendered,
                SessionFile.Keeper session) {
            this.in = in;
            this.session = session;
            this.log = log;
            this.tail = tail;
            this.reading = reading;
            this.rendered = rendered;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (n > 0) {
                        if (!rendered) {
                            tail.append(buffer, n);
                            writeLog(buffer, n);
                        }
                        splitLines(buffer, n);
                    }
                }
            } catch (IOException e) {
                // the PTY closes with EIO once every process holding its slave side is gone: end of output
            }
            if (line.size() > 0) {
                endLine();
            }
        }

        /** Bytes are split on {@code \n} before decoding, so a character cut across two reads survives. */
        private void splitLines(byte[] buffer, int n) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    endLine();
                } else {
                    line.write(buffer[i]);
                    if (line.size() >= MAX_LINE_BYTES) {
                        endLine(); // a line without end must not grow the heap without end
                    }
                }
            }
        }

        private void endLine() {
            String text = TerminalTail.clean(line.toString(StandardCharsets.UTF_8));
            line.reset();
            List<String> shown;
            try {
                shown = reading.render(text);
            } catch (RuntimeException e) {
                // A line the format cannot read is shown as it is: output is never lost to a parser.
                shown = List.of(text);
            }
            // Kept as soon as the CLI names it: a stop or a crash later in the turn can still resume it.
            session.seen(reading.sessionId());
            if (rendered) {
                for (String out : shown) {
                    byte[] bytes = (out + "\n").getBytes(StandardCharsets.UTF_8);
                    tail.append(bytes, bytes.length);
                    writeLog(bytes, bytes.length);
                }
            }
        }

        private void writeLog(byte[] buffer, int n) {
            if (logFailure == null) {
                try {
                    log.write(buffer, n);
                } catch (RuntimeException e) {
                    logFailure = e;
                }
            }
        }
    }

    /** A platform thread: pty4j reads block in native poll, which would pin a virtual thread's carrier. */
    private static Thread startReader(Reader reader, String member) {
        Thread thread = new Thread(reader, "pty-reader-" + member);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits for the reader to see the end of output. Something that still holds the terminal
     * (a leftover in another process group) could keep it open forever, so after a grace period
     * the group is killed once more and the stream closed.
     */
    private static void drain(PtyProcess process, Thread reader) {
        try {
            reader.join(DRAIN_GRACE.toMillis());
            if (reader.isAlive()) {
                ProcessTree.killGroup(process.pid());
                reader.join(DRAIN_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Closing all streams releases the PTY's file descriptors (pty4j's documented duty;
            // destroy() would also do it but sends SIGTERM to a pid that may be reused by now).
            // Closing the input also unblocks a reader that is still stuck.
            closeQuietly(process.getInputStream());
            closeQuietly(process.getOutputStream());
            closeQuietly(process.getErrorStream());
        }
        try {
            reader.join(DRAIN_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static Ending await(PtyProcess process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Ending.EXITED : Ending.TIMED_OUT;
        } catch (InterruptedException e) {
            return Ending.INTERRUPTED;
        }
    }

    private static boolean waitFor(PtyProcess process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
