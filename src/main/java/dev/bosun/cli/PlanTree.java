package dev.bosun.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan's tasks as a dependency tree, for {@code bosun plan show}: a task that depends on no task
 * of the plan is a root; a task that depends on tasks of the plan is printed under each of them, so
 * a reader sees what waits on what. A task with several parents appears under each, but its own
 * subtree is expanded only at its first appearance; later ones end with {@code (see above)}. That
 * keeps the output finite and short for diamonds, and even for a cycle the server should have
 * refused. Dependencies on tasks outside the plan (already merged ones) are named on the task's
 * line. The order is the order of the tasks given (the server's: oldest first), so the rendering is
 * deterministic. Pure: no I/O, no JSON.
 */
final class PlanTree {

    static final String SEE_ABOVE = "(see above)";

    /**
     * One task of the plan.
     *
     * @param line the task as one line of text (without its id's dependencies)
     * @param dependsOn ids of the tasks it waits for, inside or outside the plan
     */
    record Task(String id, String line, List<String> dependsOn) {
        Task {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    private final Map<String, Task> byId = new LinkedHashMap<>();
    private final Map<String, List<Task>> children = new LinkedHashMap<>();
    private final Set<String> expanded = new HashSet<>();
    private final List<String> lines = new ArrayList<>();

    private PlanTree(List<Task> tasks) {
        tasks.forEach(task -> byId.putIfAbsent(task.id(), task));
        for (Task task : byId.values()) {
            children.put(task.id(), new ArrayList<>());
        }
        for (Task task : byId.values()) {
            task.dependsOn().stream()
                    .distinct()
                    .filter(byId::containsKey)
                    .forEach(parent -> children.get(parent).add(task));
        }
    }

    /** The lines of the tree, roots first in the order given; no trailing line breaks. */
    static List<String> render(List<Task> tasks) {
        PlanTree tree = new PlanTree(tasks);
        for (Task task : tree.byId.values()) {
            if (tree.isRoot(task)) {
                tree.print(task, "", "");
            }
        }
        // Only a cycle leaves tasks unprinted (none of them is a root): show each such group from its oldest task.
        for (Task task : tree.byId.values()) {
            if (!tree.expanded.contains(task.id())) {
                tree.print(task, "", "");
            }
        }
        return List.copyOf(tree.lines);
    }

    private boolean isRoot(Task task) {
        return task.dependsOn().stream().noneMatch(byId::containsKey);
    }

    private void print(Task task, String prefix, String childPrefix) {
        boolean first = expanded.add(task.id());
        lines.add(prefix + label(task) + (first ? "" : "  " + SEE_ABOVE));
        if (!first) {
            return;
        }
        List<Task> below = children.get(task.id());
        for (int i = 0; i < below.size(); i++) {
            boolean last = i == below.size() - 1;
            print(below.get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "));
        }
    }

    private String label(Task task) {
        List<String> outside = task.dependsOn().stream()
                .distinct()
                .filter(id -> !byId.containsKey(id))
                .map(id -> "#" + id)
                .toList();
        return outside.isEmpty()
                ? task.line()
                : task.line() + "  after " + String.join(", ", outside) + " (outside the plan)";
    }
}
