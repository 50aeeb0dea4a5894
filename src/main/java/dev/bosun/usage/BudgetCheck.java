package dev.bosun.usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.team.Budget;

/**
 * Whether a task may take another turn under the team's {@link Budget}: asked before each turn.
 * A limit is spent when what the turns recorded so far reached it (a budget of one turn's cost
 * lets one turn run, not two). Only what the CLIs reported counts: a USD limit does not stop a
 * CLI that states no price (a token limit does).
 *
 * <p>Thread-safe; reads the turn ledger each time, so turns of other nodes count too.
 */
@Component
public class BudgetCheck {

    private final TurnHistory turns;
    private final PlanTasks plans;

    BudgetCheck(TurnHistory turns, PlanTasks plans) {
        this.turns = turns;
        this.plans = plans;
    }

    /**
     * @param planId the plan that started the task, or null for a task on its own
     * @return the reason the task must not take another turn (the first limit spent, task limits
     *     before plan limits), e.g. {@code budget exceeded: task 7 has spent $0.0123 of its
     *     task_usd 0.01}; empty while every limit has room
     */
    public Optional<String> exceeded(Budget budget, String taskId, @Nullable String planId) {
        if (!budget.limitsAnything()) {
            return Optional.empty();
        }
        if (budget.taskUsd() != null || budget.taskTokens() != null) {
            Optional<String> task =
                    spent("task " + taskId, "task", budget.taskUsd(), budget.taskTokens(), turns.totalOfTask(taskId));
            if (task.isPresent()) {
                return task;
            }
        }
        if (planId != null && (budget.planUsd() != null || budget.planTokens() != null)) {
            List<String> tasks = plans.of(planId);
            return spent(
                    "plan " + planId + " (" + tasks.size() + (tasks.size() == 1 ? " task)" : " tasks)"),
                    "plan",
                    budget.planUsd(),
                    budget.planTokens(),
                    turns.totalOfTasks(tasks));
        }
        return Optional.empty();
    }

    private static Optional<String> spent(
            String who, String scope, @Nullable BigDecimal usdLimit, @Nullable Long tokenLimit, UsageTotals spent) {
        BigDecimal cost = spent.costUsd();
        if (usdLimit != null && cost != null && cost.compareTo(usdLimit) >= 0) {
            return Optional.of("budget exceeded: " + who + " has spent $" + cost.toPlainString() + " of its " + scope
                    + "_usd " + usdLimit.toPlainString());
        }
        if (tokenLimit != null && spent.totalTokens() >= tokenLimit) {
            return Optional.of("budget exceeded: " + who + " has used " + spent.totalTokens() + " tokens of its "
                    + scope + "_tokens " + tokenLimit);
        }
        return Optional.empty();
    }
}
