package dev.bosun.process;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.jspecify.annotations.Nullable;

/**
 * Reads a task's process variables by their {@link ProcessVariables} names: the one place that
 * knows how they are stored (long text as UTF-8 bytes, see {@link TextValues}; numbers and flags
 * as typed values or their string forms). The workers (through {@link WorkItem}), the delegates,
 * the lifecycle events and the board's read model all read through it.
 *
 * <p>A view over a lookup, as thread-safe as that lookup. An absent variable and one whose value
 * is null read the same.
 */
public final class TaskVariables {

    private final Function<String, Object> values;
    private final String where;

    private TaskVariables(Function<String, Object> values, String where) {
        this.values = values;
        this.where = where;
    }

    /**
     * @param values the variables by name; not copied
     * @param where  names the step and process instance in the error about a missing variable
     */
    public static TaskVariables of(Map<String, ?> values, String where) {
        Objects.requireNonNull(values, "values");
        return new TaskVariables(values::get, where);
    }

    /** The variables {@code execution} sees, read when asked (inside the engine's transaction). */
    static TaskVariables of(DelegateExecution execution) {
        return new TaskVariables(
                execution::getVariable,
                execution.getCurrentActivityId() + " of process instance " + execution.getProcessInstanceId());
    }

    /** The value as stored, for an audit line that keeps its JSON type; null when absent. */
    public @Nullable Object value(String name) {
        return values.apply(name);
    }

    /** The text of a variable, long text stored as bytes included; null when absent. */
    public @Nullable String text(String name) {
        return TextValues.read(value(name));
    }

    /** As {@link #text}, with {@code fallback} when absent. */
    public String textOr(String name, String fallback) {
        Object value = value(name);
        return value == null ? fallback : TextValues.read(value);
    }

    /** @throws IllegalStateException naming the variable and where, when it is absent */
    public String string(String name) {
        Object value = value(name);
        if (value == null) {
            throw new IllegalStateException("process variable '" + name + "' is missing in " + where);
        }
        return TextValues.read(value);
    }

    /**
     * A number, or the string form of one.
     *
     * @throws IllegalStateException when absent; NumberFormatException when not a number
     */
    public int integer(String name) {
        return value(name) instanceof Number number ? number.intValue() : Integer.parseInt(string(name));
    }

    /** A number's value; {@code fallback} when absent or not a number. */
    public int integerOr(String name, int fallback) {
        return value(name) instanceof Number number ? number.intValue() : fallback;
    }

    /**
     * A list stored as comma-separated text ({@link ProcessVariables#DEPENDS_ON}), items stripped,
     * empty ones dropped; empty when absent.
     */
    public List<String> list(String name) {
        String text = text(name);
        return text == null
                ? List.of()
                : Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(item -> !item.isEmpty())
                        .toList();
    }

    /** How {@link #list} expects a list to be stored. */
    static String listValue(List<String> items) {
        return String.join(",", items);
    }

    /** True for {@code true} or the text "true" in any case; false otherwise, absent included. */
    public boolean flag(String name) {
        Object value = value(name);
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }
}
