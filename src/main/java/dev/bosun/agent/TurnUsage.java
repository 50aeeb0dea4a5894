package dev.bosun.agent;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What one agent turn cost, as its CLI reported it: tokens read (input, including cached input
 * the CLI counts separately) and written (output), and the price in US dollars where the CLI
 * states one (Claude Code's {@code total_cost_usd}); other CLIs report tokens only.
 *
 * @param inputTokens  tokens sent to the model over the turn, cache reads and writes included
 * @param outputTokens tokens the model produced over the turn
 * @param costUsd      what the CLI says the turn cost; null when it does not say
 */
public record TurnUsage(
        long inputTokens, long outputTokens, @Nullable BigDecimal costUsd) {

    public TurnUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: " + inputTokens + ", " + outputTokens);
        }
        if (costUsd != null && costUsd.signum() < 0) {
            throw new IllegalArgumentException("a cost cannot be negative: " + costUsd);
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
