package dev.bosun.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

import dev.bosun.agent.TurnRecord;
import dev.bosun.agent.TurnUsage;
import dev.bosun.board.TaskDetails;
import dev.bosun.usage.UsageTotals;

/**
 * {@code GET /api/tasks/{id}}: the task as the read model has it (its fields at the top level, as
 * before), its agent turns oldest first, and what they cost together.
 */
record TaskView(@JsonUnwrapped TaskDetails details, List<Turn> turns, UsageTotals usage) {

    TaskView {
        turns = List.copyOf(turns);
    }

    static TaskView of(TaskDetails details, List<TurnRecord> turns, UsageTotals usage) {
        return new TaskView(details, turns.stream().map(Turn::of).toList(), usage);
    }

    /**
     * One finished turn of the task (a code, fix or review turn).
     *
     * @param inputTokens null (as the two fields after it) when the CLI reported no usage
     * @param costUsd     null when the CLI reported no price
     */
    record Turn(
            String member,
            int attempt,
            Instant startedAt,
            long durationMs,
            int exitCode,
            boolean timedOut,
            @Nullable Long inputTokens,
            @Nullable Long outputTokens,
            @Nullable BigDecimal costUsd) {

        static Turn of(TurnRecord turn) {
            TurnUsage usage = turn.usage();
            return new Turn(
                    turn.member(),
                    turn.attempt(),
                    turn.startedAt(),
                    turn.duration().toMillis(),
                    turn.exitCode(),
                    turn.timedOut(),
                    usage == null ? null : usage.inputTokens(),
                    usage == null ? null : usage.outputTokens(),
                    usage == null ? null : usage.costUsd());
        }
    }
}
