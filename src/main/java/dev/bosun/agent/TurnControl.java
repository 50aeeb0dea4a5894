package dev.bosun.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A handle on one running turn for whoever supervises it: what it last showed of life, a message
 * typed into its terminal (the nudge), and a request to cut it short, either to run it again or
 * to give up on it. {@link MemberAgents} makes one per turn; the PTY runner attaches the process
 * once it started and reports at the end whether the turn was cut.
 *
 * <p>Life is terminal output (the log's modification time) or CPU time used by any process of the
 * turn (the turn's mark finds them, also those that left its process group): an agent quietly
 * compiling is working; one waiting on nothing prints nothing and uses next to no CPU. "Next to":
 * an idle runtime still ticks (a JVM's timers, a poll loop), so CPU counts as life only at a
 * rate of at least {@link ProcessCpu#BUSY_SHARE} of one core.
 *
 * <p>Thread-safe: the turn's thread, the PTY reader and a supervisor use it at once.
 */
public final class TurnControl {

    /** Why a turn was cut short by its supervisor. */
    public enum Cut {
        /** Not cut: the turn ended by itself (or by its timeout). */
        NONE,
        /** Killed to be run again, resuming its conversation where the CLI can. */
        RESTART,
        /** Killed for good: it stayed without life after every restart. */
        GIVE_UP
    }

    private final Clock clock;
    private final Instant startedAt;
    /** When the agent's process started; null while it is being started (which is not silence). */
    private @Nullable Instant attachedAt;

    private final Path logFile;
    private @Nullable OutputStream terminal;
    private @Nullable Runnable kill;
    private @Nullable Supplier<List<Long>> processes;
    private long cpuTicks = -1;
    private Instant cpuSampledAt;
    private Instant lastCpu;
    private Cut cut = Cut.NONE;
    private @Nullable Instant nudgedAt;
    private Instant lifeBeforeNudge;

    TurnControl(Clock clock, Path logFile) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.lastCpu = startedAt;
        this.cpuSampledAt = startedAt;
        this.lifeBeforeNudge = startedAt;
        this.logFile = logFile;
    }

    /** The runner's part: where keystrokes go, how the turn's processes die, which processes are the turn's. */
    synchronized void attach(OutputStream terminal, Runnable kill, Supplier<List<Long>> processes) {
        attachedAt = clock.instant();
        lastCpu = attachedAt;
        // The processes have just started: what they use from now on is the turn's work.
        cpuTicks = 0;
        cpuSampledAt = attachedAt;
        this.terminal = terminal;
        this.kill = kill;
        this.processes = processes;
        if (cut != Cut.NONE) {
            kill.run(); // cut before the process was there: it must not get going
        }
    }

    synchronized void detach() {
        terminal = null;
        kill = null;
        processes = null;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * The last terminal output or CPU use of the turn's processes, or the agent's start if neither
     * came since; now while the agent is still being started.
     */
    public synchronized Instant lastSignOfLife() {
        if (attachedAt == null) {
            return clock.instant(); // still starting (or never started): nothing to be silent yet
        }
        Instant last = attachedAt;
        try {
            Instant written = Files.getLastModifiedTime(logFile).toInstant();
            if (written.isAfter(last)) {
                last = written;
            }
        } catch (IOException e) {
            // no log yet: no output yet
        }
        if (processes != null) {
            Instant now = clock.instant();
            long ticks = ProcessCpu.ticks(processes.get());
            if (cpuTicks >= 0 && ProcessCpu.busy(ticks - cpuTicks, Duration.between(cpuSampledAt, now))) {
                lastCpu = now;
            }
            cpuTicks = ticks;
            cpuSampledAt = now;
        }
        return lastCpu.isAfter(last) ? lastCpu : last;
    }

    /**
     * Types a line into the turn's terminal, as a person at the keyboard would.
     *
     * @return false when the turn has no terminal (any more)
     */
    public synchronized boolean type(String line) {
        if (terminal == null) {
            return false;
        }
        try {
            terminal.write((line.replace('\n', ' ') + "\r").getBytes(StandardCharsets.UTF_8));
            terminal.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the turn's processes; the turn then ends reporting {@code cut}. The first cut wins. */
    public synchronized void cut(Cut why) {
        if (why == Cut.NONE || cut != Cut.NONE) {
            return;
        }
        cut = why;
        if (kill != null) {
            kill.run();
        }
    }

    public synchronized Cut cut() {
        return cut;
    }

    /** When the turn was nudged during its current silence; null when it was not. */
    synchronized @Nullable Instant nudgedAt() {
        return nudgedAt;
    }

    /** The last sign of life before the nudge (the nudge's own echo is no answer). */
    synchronized Instant lifeBeforeNudge() {
        return lifeBeforeNudge;
    }

    synchronized void nudged(Instant at, Instant lastLife) {
        nudgedAt = at;
        lifeBeforeNudge = lastLife;
    }

    /** The turn showed life again: a later silence gets its own nudge. */
    synchronized void clearNudge() {
        nudgedAt = null;
    }
}
