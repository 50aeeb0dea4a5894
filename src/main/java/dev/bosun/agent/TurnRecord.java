package dev.bosun.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One finished agent turn as the {@link TurnLedger} keeps it.
 *
 * @param member    who took the turn
 * @param taskId    the task it worked on (a code turn, a fix turn, a manager's review); null for a
 *                  turn without a task (a message turn, a planning turn)
 * @param attempt   the attempt of the task (or the turn number of a message or planning turn)
 * @param startedAt when the agent was started (after any wait for the member's other turn)
 * @param duration  wall-clock time of the turn, as the agent measured it
 * @param exitCode  the agent's exit code (meaningless when {@code timedOut})
 * @param timedOut  the turn hit its timeout and Bosun killed the agent
 * @param usage     tokens and cost as the CLI reported them; null when it reported none
 */
public record TurnRecord(
        String member,
        @Nullable String taskId,
        int attempt,
        Instant startedAt,
        Duration duration,
        int exitCode,
        boolean timedOut,
        @Nullable TurnUsage usage) {

    public TurnRecord {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
    }

    /** The record of {@code request}, started at {@code startedAt}, that ended with {@code result}. */
    public static TurnRecord of(TurnRequest request, Instant startedAt, TurnResult result) {
        return new TurnRecord(
                request.member(),
                request.taskId(),
                request.attempt(),
                startedAt,
                result.duration(),
                result.exitCode(),
                result.timedOut(),
                result.usage());
    }
}
