package dev.bosun.process;

import java.util.Map;

/**
 * The variables of one locked external task, read through {@link ProcessVariables} names.
 * Keeps Camunda's types out of the workers.
 */
public record WorkItem(String processInstanceId, String activityId, Map<String, Object> variables) {

    public WorkItem {
        variables = Map.copyOf(variables.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public String string(String name) {
        Object value = variables.get(name);
        if (value == null) {
            throw new IllegalStateException("process variable '" + name + "' is missing in "
                    + activityId + " of process instance " + processInstanceId);
        }
        return TextValues.read(value);
    }

    public String stringOr(String name, String fallback) {
        Object value = variables.get(name);
        return value == null ? fallback : TextValues.read(value);
    }

    public int integer(String name) {
        Object value = variables.get(name);
        if (value instanceof Number number) {
            return number.intValue();
        }
        return Integer.parseInt(string(name));
    }

    public boolean flag(String name) {
        Object value = variables.get(name);
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }
}
