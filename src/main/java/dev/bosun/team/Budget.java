package dev.bosun.team;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a team allows its agents to spend ({@code budget} in team.yaml): per task and per plan, in
 * US dollars (as the CLIs report cost) and in tokens (for CLIs that report no price). A limit that is
 * null is no limit. When a task or its plan has spent a limit, the task escalates "budget exceeded"
 * before its next turn.
 *
 * @param taskUsd    the most a task's turns may cost, in USD
 * @param taskTokens the most tokens (input plus output) a task's turns may use
 * @param planUsd    the most all turns of one plan's tasks may cost, in USD
 * @param planTokens the most tokens all turns of one plan's tasks may use
 */
public record Budget(
        @Nullable BigDecimal taskUsd,
        @Nullable Long taskTokens,
        @Nullable BigDecimal planUsd,
        @Nullable Long planTokens) {

    /** No limits: the default when team.yaml has no {@code budget}. */
    public static final Budget NONE = new Budget(null, null, null, null);

    public boolean limitsAnything() {
        return taskUsd != null || taskTokens != null || planUsd != null || planTokens != null;
    }
}
