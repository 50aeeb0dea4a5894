package dev.bosun.usage;

import static dev.bosun.usage.TurnLedgerContract.turn;
import static dev.bosun.usage.TurnLedgerContract.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.lease.BosunSchema;
import dev.bosun.team.Budget;

/** The budget check on the real turn table (H2 file): what was recorded decides, limits reached count as spent. */
class BudgetCheckTest {

    @TempDir
    Path dir;

    JdbcTurnLedger ledger;
    BudgetCheck check;

    @BeforeEach
    void setUp() {
        DataSource dataSource = H2TurnLedgerTest.h2(dir);
        BosunSchema.migrate(dataSource);
        ledger = new JdbcTurnLedger(dataSource);
        Map<String, List<String>> plans = Map.of("3", List.of("7", "8"));
        check = new BudgetCheck(ledger, planId -> plans.getOrDefault(planId, List.of()));
    }

    static Budget taskUsd(String usd) {
        return new Budget(new BigDecimal(usd), null, null, null);
    }

    @Test
    void noBudgetNeverStopsATask() {
        ledger.record(turn("eng-1", "7", 1, 0, usage(1_000_000, 1_000_000, "1000")));

        assertThat(check.exceeded(Budget.NONE, "7", "3")).isEmpty();
    }

    @Test
    void aTaskUnderItsUsdLimitGoesOnAndOneThatReachedItStops() {
        assertThat(check.exceeded(taskUsd("0.01"), "7", null))
                .as("nothing spent yet")
                .isEmpty();

        ledger.record(turn("eng-1", "7", 1, 0, usage(1000, 100, "0.0099")));
        assertThat(check.exceeded(taskUsd("0.01"), "7", null)).isEmpty();

        ledger.record(turn("eng-1", "7", 2, 1, usage(10, 1, "0.0024")));
        assertThat(check.exceeded(taskUsd("0.01"), "7", null))
                .contains("budget exceeded: task 7 has spent $0.0123 of its task_usd 0.01");
        assertThat(check.exceeded(taskUsd("0.01"), "8", null))
                .as("another task's spending")
                .isEmpty();
    }

    @Test
    void aBudgetOfOneTurnsCostLetsOneTurnRunNotTwo() {
        ledger.record(turn("eng-1", "7", 1, 0, usage(1000, 100, "0.0042")));

        assertThat(check.exceeded(taskUsd("0.0042"), "7", null))
                .contains("budget exceeded: task 7 has spent $0.0042 of its task_usd 0.0042");
    }

    @Test
    void tokensCountInputAndOutputAndStopACliThatStatesNoPrice() {
        Budget tokens = new Budget(new BigDecimal("5"), 1500L, null, null);
        ledger.record(turn("eng-1", "7", 1, 0, usage(1200, 200, null)));
        assertThat(check.exceeded(tokens, "7", null))
                .as("1400 of 1500, and no cost stated")
                .isEmpty();

        ledger.record(turn("eng-1", "7", 2, 1, usage(90, 10, null)));
        assertThat(check.exceeded(tokens, "7", null))
                .contains("budget exceeded: task 7 has used 1500 tokens of its task_tokens 1500");
    }

    @Test
    void aPlanLimitCountsEveryTaskOfThePlan() {
        Budget plan = new Budget(new BigDecimal("1"), null, new BigDecimal("0.05"), 100_000L);
        ledger.record(turn("eng-1", "7", 1, 0, usage(1000, 100, "0.03")));
        assertThat(check.exceeded(plan, "8", "3")).isEmpty();

        ledger.record(turn("eng-2", "8", 1, 1, usage(1000, 100, "0.02")));
        ledger.record(turn("eng-2", "9", 1, 2, usage(1000, 100, "5")));

        assertThat(check.exceeded(plan, "8", "3"))
                .as("task 9 is not the plan's; task 8 alone is within its task_usd")
                .contains("budget exceeded: plan 3 (2 tasks) has spent $0.05 of its plan_usd 0.05");
        assertThat(check.exceeded(plan, "8", null))
                .as("a task on its own has no plan limit")
                .isEmpty();
    }

    @Test
    void aTaskLimitIsNamedBeforeThePlanLimit() {
        Budget both = new Budget(new BigDecimal("0.01"), null, new BigDecimal("0.01"), null);
        ledger.record(turn("eng-1", "7", 1, 0, usage(1000, 100, "0.02")));

        assertThat(check.exceeded(both, "7", "3"))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("budget exceeded: task 7 "));
    }

    @Test
    void planTokensLikewise() {
        Budget plan = new Budget(null, null, null, 2000L);
        ledger.record(turn("eng-1", "7", 1, 0, usage(1000, 100, null)));
        ledger.record(turn("eng-2", "8", 1, 1, usage(800, 100, null)));

        assertThat(check.exceeded(plan, "7", "3"))
                .contains("budget exceeded: plan 3 (2 tasks) has used 2000 tokens of its plan_tokens 2000");
    }
}
