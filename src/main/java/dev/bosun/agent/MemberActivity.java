package dev.bosun.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which members run an agent turn on this node right now, and when each turn last showed life:
 * terminal output (the PTY log is flushed on every chunk, so its modification time is the last
 * output) or CPU used by the turn's processes ({@link TurnControl#lastSignOfLife()}). A member whose
 * running turn showed neither for the stall timeout is stalled.
 *
 * <p>Thread-safe. In memory per node: a turn lives in one JVM's PTY.
 */
public final class MemberActivity {

    /**
     * @param task      the task of the turn, or null for a message turn
     * @param startedAt when the turn started
     * @param lastSignOfLife when the turn last showed life: terminal output or CPU use (or its start)
     */
    public record Turn(String task, Instant startedAt, Instant lastSignOfLife) {
        public boolean stalled(Instant now, Duration stallTimeout) {
            return Duration.between(lastSignOfLife, now).compareTo(stallTimeout) >= 0;
        }
    }

    private record Running(String task, TurnControl control) {}

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Clock clock;

    public MemberActivity() {
        this(Clock.systemUTC());
    }

    public MemberActivity(Clock clock) {
        this.clock = clock;
    }

    TurnControl turnStarted(String member, String task, Path logFile) {
        TurnControl control = new TurnControl(clock, logFile);
        running.put(member, new Running(task, control));
        return control;
    }

    /** The supervisor's handle on the member's running turn on this node, if it runs one for that task. */
    public Optional<TurnControl> control(String member, String task) {
        Running turn = running.get(member);
        return turn == null || !Objects.equals(turn.task(), task) ? Optional.empty() : Optional.of(turn.control());
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
        return Optional.of(
                new Turn(turn.task(), turn.control().startedAt(), turn.control().lastSignOfLife()));
    }
}
