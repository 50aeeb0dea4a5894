package dev.bosun.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import dev.bosun.agent.TurnLedger;
import dev.bosun.agent.TurnRecord;
import dev.bosun.agent.TurnUsage;
import dev.bosun.team.Member;
import dev.bosun.team.Roster;

/**
 * Every finished agent turn ({@link TurnLedger}, next to the usage area's table):
 * {@code bosun_turns_seconds{kind,outcome}} (a histogram), and where the CLI reported them
 * {@code bosun_agent_tokens_total{kind,direction}} and {@code bosun_agent_cost_usd_total{kind}}.
 * Counted per node: sum them across a cluster.
 */
@Component
class TurnMetrics implements TurnLedger {

    /** Turns run from seconds (a script) to the turn timeout (30 minutes by default). */
    private static final Duration SHORTEST = Duration.ofMillis(100);

    private static final Duration LONGEST = Duration.ofHours(1);

    private final MeterRegistry registry;
    private final Roster roster;

    TurnMetrics(MeterRegistry registry, Roster roster) {
        this.registry = registry;
        this.roster = roster;
    }

    @Override
    public void record(TurnRecord turn) {
        String kind = kindOf(turn.member());
        Timer.builder("bosun.turns")
                .description("Finished agent turns: how long they took, by agent kind and outcome")
                .tag("kind", kind)
                .tag("outcome", outcome(turn))
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry)
                .record(turn.duration());
        TurnUsage usage = turn.usage();
        if (usage == null) {
            return;
        }
        tokens(kind, "input").increment(usage.inputTokens());
        tokens(kind, "output").increment(usage.outputTokens());
        if (usage.costUsd() != null) {
            Counter.builder("bosun.agent.cost")
                    .description("What agent turns cost in US dollars, where the CLI states a price")
                    .baseUnit("usd")
                    .tag("kind", kind)
                    .register(registry)
                    .increment(usage.costUsd().doubleValue());
        }
    }

    private Counter tokens(String kind, String direction) {
        return Counter.builder("bosun.agent.tokens")
                .description("Tokens of agent turns as their CLIs reported them (input includes cached input)")
                .tag("kind", kind)
                .tag("direction", direction)
                .register(registry);
    }

    /** ok (exit 0), failed (another exit code) or timed_out (Bosun killed it at the turn timeout). */
    static String outcome(TurnRecord turn) {
        if (turn.timedOut()) {
            return "timed_out";
        }
        return turn.exitCode() == 0 ? "ok" : "failed";
    }

    /** The member's agent kind as team.yaml spells it; "unknown" for a member no longer in the roster. */
    private String kindOf(String member) {
        return roster.member(member)
                .map(Member::role)
                .map(role -> role.agent().yamlName())
                .orElse("unknown");
    }
}
