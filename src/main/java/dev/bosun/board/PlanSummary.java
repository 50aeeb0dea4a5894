package dev.bosun.board;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A plan as lists show it.
 *
 * @param status a {@code PlanStatus} wire name (cancelled derived from the engine's history)
 * @param tasks  how many tasks it started, and how many of them are merged
 */
public record PlanSummary(
        String id,
        String title,
        String status,
        String createdBy,
        Instant startedAt,
        @Nullable Instant endedAt,
        TaskCount tasks) {

    public record TaskCount(int total, int merged) {}
}
