package dev.bosun.agent;

import org.jspecify.annotations.Nullable;

/**
 * The prompt of the architect's planning turn: the goal first and whole, how to add tasks with the
 * {@code bosun} command, then whatever the last round left (the problems of a refused plan, a
 * human's guidance, the tasks that failed).
 */
public final class PlanPrompts {

    private PlanPrompts() {}

    /**
     * @param problems what was wrong with the plan the last turn wrote, or null
     * @param guidance a human's guidance (a rejected plan, a replan decision), or null
     * @param failures the tasks of the plan that failed, one per line, when replanning; or null
     * @param merged   the tasks of the plan merged so far, one per line, or null
     */
    public static String planningTurn(
            String planId,
            String title,
            String goal,
            @Nullable String problems,
            @Nullable String guidance,
            @Nullable String failures,
            @Nullable String merged) {
        StringBuilder prompt = new StringBuilder()
                .append("# Plan ")
                .append(planId)
                .append(": ")
                .append(title.strip())
                .append("\n\n## Goal\n\n")
                .append(goal.strip())
                .append("\n\n");
        if (present(failures)) {
            prompt.append("## Replanning: tasks of this plan failed\n\n")
                    .append(failures.strip())
                    .append("\n\n");
            if (present(merged)) {
                prompt.append("Merged so far:\n\n").append(merged.strip()).append("\n\n");
            }
            prompt.append("Add the tasks that still reach the goal from here (they may depend on merged"
                    + " tasks, never on the failed ones). Add no task at all to give up: a human then decides.\n\n");
        }
        if (present(problems)) {
            prompt.append("## Your last plan was refused; its tasks were dropped\n\n")
                    .append(problems.strip())
                    .append("\n\nAdd the whole plan again, without these problems.\n\n");
        }
        if (present(guidance)) {
            prompt.append("## Guidance from a human\n\n")
                    .append(guidance.strip())
                    .append("\n\n");
        }
        return prompt.append(HOW_TO_PLAN).toString();
    }

    private static final String HOW_TO_PLAN = """
            ## How to plan

            You are the architect. Read the code in this directory (your own worktree at trunk's tip),
            then break the goal into tasks, each small enough for one engineer in one branch and
            checked by the project's tests. Add every task with the bosun command:

                bosun task add --title "One line" --body "What to do and how to know it is done" \\
                    [--depends-on ID ...] [--priority low|normal|high|urgent]

            It prints `created task N`; use N in --depends-on of a later task that needs it merged
            first. BOSUN_PLAN is set in your environment, so every task you add belongs to this plan
            and is held until this turn ends: then Bosun checks the plan (at least one task, no
            cycle, dependencies only on tasks of this plan or merged ones) and starts the tasks for
            idle engineers. Do not write code and do not commit: engineers do that. End the turn
            with a short summary of the plan.
            """;

    private static boolean present(@Nullable String text) {
        return text != null && !text.isBlank();
    }
}
