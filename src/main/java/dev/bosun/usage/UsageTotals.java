package dev.bosun.usage;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a set of turns cost, summed over what their CLIs reported.
 *
 * @param turns             finished turns recorded
 * @param turnsWithoutUsage of those, the turns whose CLI reported no usage (the script and command
 *                          kinds, a CLI that failed before it printed it): their tokens and cost are
 *                          unknown, so the sums below are at least what was spent
 * @param inputTokens       tokens sent to the models
 * @param outputTokens      tokens the models produced
 * @param costUsd           the sum of the costs the CLIs stated; null when none stated one (a CLI
 *                          that reports tokens only)
 */
public record UsageTotals(
        long turns,
        long turnsWithoutUsage,
        long inputTokens,
        long outputTokens,
        @Nullable BigDecimal costUsd) {

    /** No turns. */
    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0, null);

    public UsageTotals {
        costUsd = costUsd == null ? null : Money.plain(costUsd);
    }

    /** Input and output tokens: what a token budget counts. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public UsageTotals plus(UsageTotals other) {
        BigDecimal cost =
                costUsd == null ? other.costUsd : other.costUsd == null ? costUsd : costUsd.add(other.costUsd);
        return new UsageTotals(
                turns + other.turns,
                turnsWithoutUsage + other.turnsWithoutUsage,
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cost);
    }
}
