package dev.bosun.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What is wrong with the tasks a planning turn added, as lines the architect can act on: at least
 * one task, no empty title, {@code dependsOn} only on tasks of the plan (held now, or started and
 * not failed) or merged ones, and no cycle (a cycle is named by its ids). Pure.
 */
public final class PlanCheck {

    /** What a dependency that is not held by this turn is. */
    public enum Kind {
        MERGED,
        /** A started task of this plan that may still be merged. */
        IN_THIS_PLAN,
        /** A task of this plan that was abandoned, cancelled or is blocked: detail says which. */
        FAILED_IN_THIS_PLAN,
        /** An unmerged task of another plan: detail is that plan's id. */
        IN_OTHER_PLAN,
        /** An unmerged task of no plan. */
        NOT_IN_PLAN,
        UNKNOWN
    }

    /** @param detail the failed status, or the other plan's id */
    public record Dependency(Kind kind, @Nullable String detail) {
        public static Dependency of(Kind kind) {
            return new Dependency(kind, null);
        }
    }

    private PlanCheck() {}

    /**
     * @param held        the tasks the turn added, in order
     * @param dependency  what a task id outside {@code held} is
     * @return the problems, one line each; empty when the plan may start
     */
    public static List<String> problems(String planId, List<HeldTask> held, Function<String, Dependency> dependency) {
        if (held.isEmpty()) {
            return List.of("no task was added to plan " + planId
                    + ": add each task with `bosun task add` during the planning turn");
        }
        Map<String, HeldTask> byId = new HashMap<>();
        held.forEach(task -> byId.put(task.taskId(), task));
        List<String> problems = new ArrayList<>();
        for (HeldTask task : held) {
            if (task.title().isBlank()) {
                problems.add("task " + task.taskId() + " has an empty title");
            }
            for (String id : task.dependsOn()) {
                if (!byId.containsKey(id)) {
                    String problem = dependencyProblem(task.taskId(), id, dependency.apply(id));
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
        }
        problems.addAll(cycles(held, byId));
        return problems;
    }

    private static @Nullable String dependencyProblem(String task, String id, Dependency found) {
        String prefix = "task " + task + " depends on task " + id;
        return switch (found.kind()) {
            case MERGED, IN_THIS_PLAN -> null;
            case FAILED_IN_THIS_PLAN -> prefix + ", which is " + found.detail() + ": it can never be merged";
            case IN_OTHER_PLAN ->
                prefix + " of plan " + found.detail()
                        + ", which is not merged: a plan may depend only on its own tasks or merged ones";
            case NOT_IN_PLAN -> prefix + ", which is neither in this plan nor merged";
            case UNKNOWN -> prefix + ", which does not exist";
        };
    }

    /** Each cycle among the held tasks once, as "tasks 5 → 6 → 5 depend on each other". */
    private static List<String> cycles(List<HeldTask> held, Map<String, HeldTask> byId) {
        Set<String> done = new HashSet<>();
        Set<String> reported = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (HeldTask task : held) {
            walk(task.taskId(), new LinkedHashSet<>(), done, byId, reported, problems);
        }
        return problems;
    }

    private static void walk(
            String id,
            LinkedHashSet<String> path,
            Set<String> done,
            Map<String, HeldTask> byId,
            Set<String> reported,
            List<String> problems) {
        if (path.contains(id)) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (String step : path) {
                inCycle |= step.equals(id);
                if (inCycle) {
                    cycle.add(step);
                }
            }
            if (reported.add(String.join(",", cycle.stream().sorted().toList()))) {
                cycle.add(id);
                problems.add("tasks " + String.join(" → ", cycle)
                        + " depend on each other in a cycle: none of them could ever start");
            }
            return;
        }
        if (done.contains(id) || !byId.containsKey(id)) {
            return;
        }
        path.add(id);
        for (String dependency : byId.get(id).dependsOn()) {
            walk(dependency, path, done, byId, reported, problems);
        }
        path.remove(id);
        done.add(id);
    }
}
