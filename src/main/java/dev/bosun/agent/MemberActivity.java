package dev.bosun.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Which members run an agent turn on this node right now, and since when their terminal was last
 * written. A member whose running turn printed nothing for the stall timeout is stalled: the
 * PTY log is flushed on every chunk, so its modification time is the last output.
 *
 * <p>Thread-safe. In memory per node: a turn lives in one JVM's PTY.
 */
public final class MemberActivity {

    /**
     * @param task      the task of the turn, or null for a message turn
     * @param startedAt when the turn started
     * @param lastOutput when the member's terminal was last written (or the turn started, if later)
     */
    public record Turn(String task, Instant startedAt, Instant lastOutput) {
        public boolean stalled(Instant now, Duration stallTimeout) {
            return Duration.between(lastOutput, now).compareTo(stallTimeout) >= 0;
        }
    }

    private record Running(String task, Instant startedAt, Path logFile) {}

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Clock clock;

    public MemberActivity() {
        this(Clock.systemUTC());
    }

    public MemberActivity(Clock clock) {
        this.clock = clock;
    }

    void turnStarted(String member, String task, Path logFile) {
        running.put(member, new Running(task, clock.instant(), logFile));
    }

    void turnEnded(String member) {
        running.remove(member);
    }

    public boolean inTurn(String member) {
        return running.containsKey(member);
    }

    /** Members in a turn on this node right now. */
    public java.util.Set<String> membersInTurn() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** The member's running turn, if it has one on this node. */
    public Optional<Turn> turn(String member) {
        Running turn = running.get(member);
        if (turn == null) {
            return Optional.empty();
        }
        Instant written = lastWritten(turn.logFile());
        Instant lastOutput = written == null || written.isBefore(turn.startedAt()) ? turn.startedAt() : written;
        return Optional.of(new Turn(turn.task(), turn.startedAt(), lastOutput));
    }

    private static @Nullable Instant lastWritten(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
