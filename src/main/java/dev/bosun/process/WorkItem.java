package dev.bosun.process;

import java.util.Map;

/**
 * The variables of one locked external task, read through {@link ProcessVariables} names and
 * {@link TaskVariables}. Keeps Camunda's types out of the workers.
 */
public record WorkItem(String processInstanceId, String activityId, Map<String, Object> variables) {

    public WorkItem {
        variables = Map.copyOf(variables.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public String string(String name) {
        return read().string(name);
    }

    public String stringOr(String name, String fallback) {
        return read().textOr(name, fallback);
    }

    public int integer(String name) {
        return read().integer(name);
    }

    /** The number, or {@code fallback} when the variable is not set. */
    public int integerOr(String name, int fallback) {
        return variables.containsKey(name) ? integer(name) : fallback;
    }

    public boolean flag(String name) {
        return read().flag(name);
    }

    private TaskVariables read() {
        return TaskVariables.of(variables, activityId + " of process instance " + processInstanceId);
    }
}
