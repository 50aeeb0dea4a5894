package dev.bosun.cockpit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.bosun.agent.TurnRecord;
import dev.bosun.agent.TurnUsage;
import dev.bosun.usage.TurnHistory;

/**
 * Every agent turn on a task, as the turn ledger recorded it (table {@code BOSUN_TURN}). A
 * planning turn is recorded without a task, so a plan's timeline shows its turns as steps only.
 */
@Component
@Order(2)
class TurnEntries implements TimelineSource {

    private final TurnHistory turns;

    TurnEntries(TurnHistory turns) {
        this.turns = turns;
    }

    @Override
    public List<TimelineEntry> entriesOf(FinishedInstance instance) {
        if (!instance.describesATask()) {
            return List.of();
        }
        return turns.ofTask(instance.id()).stream().map(TurnEntries::entry).toList();
    }

    private static TimelineEntry entry(TurnRecord turn) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("member", turn.member());
        details.put("attempt", Integer.toString(turn.attempt()));
        details.put("duration", Durations.text(turn.duration()));
        details.put("exit", turn.timedOut() ? "timed out (killed by Bosun)" : Integer.toString(turn.exitCode()));
        TurnUsage usage = turn.usage();
        if (usage == null) {
            details.put("tokens", "not reported by the agent");
        } else {
            details.put("tokens", usage.inputTokens() + " in, " + usage.outputTokens() + " out");
            details.put(
                    "cost",
                    usage.costUsd() == null
                            ? "not reported"
                            : "$" + usage.costUsd().toPlainString());
        }
        return new TimelineEntry(
                "turn",
                turn.startedAt(),
                turn.startedAt().plus(turn.duration()),
                "turn of " + turn.member() + ", attempt " + turn.attempt(),
                details);
    }
}
