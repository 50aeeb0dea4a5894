package dev.bosun.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Marks every process of one run (an agent turn, a test run) with an environment variable of its
 * own, {@code <variable>=<random id>}, so that at the run's end everything it started can be found
 * and killed, even what left its process group and session ({@code setsid}, {@code setsid -f},
 * daemons re-parented to init), which a process-group kill never reaches. Children inherit the
 * environment, so the mark travels down every fork and exec.
 *
 * <p>How: {@link #killAll} lists the processes of the machine (Linux {@code /proc}), reads each
 * one's {@code /proc/<pid>/environ} (only a process of the same user is readable; unreadable
 * entries are skipped), asks those carrying the mark to end (SIGTERM), then SIGKILLs what is left,
 * repeating until none is left or the time is up: a carrier may fork between a scan and its kill.
 *
 * <p>What escapes, by design of the mechanism: a process that drops the variable before it execs
 * ({@code env -i}, {@code env -u}, a program that clears its environment) carries no mark;
 * {@code /proc/<pid>/environ} shows the environment a process was started with, so dropping it
 * later ({@code unset}) does not help a process itself, only the children it starts afterwards.
 * Processes of other users, and anything outside Linux, are out of reach. Zombies carry no
 * environment and count as gone (an unreaping init may keep them).
 *
 * <p>Immutable and thread-safe; the scan is bounded (each environment is read up to
 * {@value #MAX_ENVIRON_BYTES} bytes).
 */
public record ProcessMarker(String variable, String value) {

    /** The variable that marks an agent turn's processes. */
    public static final String TURN = "BOSUN_TURN";
    /** The variable that marks a test run's processes. */
    public static final String TEST_RUN = "BOSUN_TEST_RUN";

    static final int MAX_ENVIRON_BYTES = 4 * 1024 * 1024;
    /** How long carriers may take to end after SIGTERM before they get SIGKILL. */
    static final Duration TERM_GRACE = Duration.ofSeconds(2);

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Path PROC = Path.of("/proc");

    public ProcessMarker {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(variable).matches() || value.isEmpty() || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable process mark: " + variable + "=" + value);
        }
    }

    /** A new mark with a random, unguessable value. */
    public static ProcessMarker fresh(String variable) {
        return new ProcessMarker(variable, UUID.randomUUID().toString());
    }

    /** Puts the mark into an environment about to be given to a process; it replaces any value there. */
    public void applyTo(Map<String, String> environment) {
        environment.put(variable, value);
    }

    /** The pids of the live processes carrying this mark (never Bosun's own). */
    public List<Long> carriers() {
        return carrierHandles().stream().map(ProcessHandle::pid).toList();
    }

    /**
     * Ends every process carrying the mark and waits until none is left, at most {@code patience}:
     * SIGTERM first, then SIGKILL for whatever is still there after {@link #TERM_GRACE}.
     *
     * <p>Why SIGTERM first: a leftover may be inside a critical section that a trap cleans up.
     * Measured: Claude Code's shell snapshot runs the user's {@code .bashrc}, whose
     * {@code pyenv init} holds a lock file during {@code pyenv rehash}; a SIGKILL there left the
     * lock behind, and every later shell of every agent waited 60 s for it and failed. Bash runs
     * its EXIT trap on SIGTERM and removes the lock.
     *
     * @return true when no process carries the mark any more; false when some survived the time.
     *     An interrupt does not cut it short; the thread's interrupt flag is as it was.
     */
    public boolean killAll(Duration patience) {
        // Bosun stopping (an interrupt, maybe a second one during clean-up) must not cut this short:
        // a leftover that ignores SIGTERM would outlive the turn. The flag is set again at the end.
        boolean interrupted = Thread.interrupted();
        try {
            return terminateThenKill(patience);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean terminateThenKill(Duration patience) {
        return terminateThenKill(this::carrierHandles, patience);
    }

    /**
     * SIGTERM to what {@code carriers} lists now, up to {@link #TERM_GRACE} for it to end, then
     * SIGKILL to whatever it lists, scan after scan, until it lists nothing or {@code patience} is
     * over. Shared with {@link LeftoverProcesses}, whose carriers are found by another rule.
     *
     * @return true when {@code carriers} lists nothing any more
     */
    static boolean terminateThenKill(Supplier<List<ProcessHandle>> carriers, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<ProcessHandle> asked = carriers.get();
        if (asked.isEmpty()) {
            return true;
        }
        asked.forEach(ProcessHandle::destroy);
        long graceEnd = System.nanoTime() + Math.min(TERM_GRACE.toNanos(), patience.toNanos());
        for (ProcessHandle handle : asked) {
            try {
                handle.onExit().get(Math.max(0, graceEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | InterruptedException e) {
                break; // the rest get SIGKILL below
            }
        }
        while (true) {
            List<ProcessHandle> left = carriers.get();
            if (left.isEmpty()) {
                return true;
            }
            // The handle remembers the start time: a pid that was reused in between is not killed.
            left.forEach(ProcessHandle::destroyForcibly);
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20); // SIGKILL is asynchronous; give the kernel a moment before the next scan
            } catch (InterruptedException e) {
                // keep going until the deadline: the caller's flag is restored by killAll
            }
        }
    }

    private List<ProcessHandle> carrierHandles() {
        byte[] entry = (variable + "=" + value).getBytes(StandardCharsets.UTF_8);
        return processesWhoseEnvironment(environ -> containsEntry(environ, entry));
    }

    /**
     * The live processes of the machine, Bosun's own excepted, whose environment (as read from
     * {@code /proc/<pid>/environ}, NUL-separated) passes {@code test}; none outside Linux. The handle
     * is taken before the environment is read, so a kill through it cannot hit a process that reused
     * the pid after the read.
     */
    static List<ProcessHandle> processesWhoseEnvironment(Predicate<byte[]> test) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> environment(p.pid()).map(test::test).orElse(false))
                .toList();
    }

    private static Optional<byte[]> environment(long pid) {
        try (InputStream in =
                Files.newInputStream(PROC.resolve(Long.toString(pid)).resolve("environ"))) {
            return Optional.of(in.readNBytes(MAX_ENVIRON_BYTES));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone meanwhile, or another user's: not ours to kill
        }
    }

    /** Whether the NUL-separated list holds exactly {@code entry} as one of its elements. */
    static boolean containsEntry(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
