package dev.bosun.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How urgent a task is; engineers claim higher priorities first, then older tasks. */
public enum TaskPriority {
    LOW(10),
    NORMAL(50),
    HIGH(80),
    URGENT(100);

    private final int value;

    TaskPriority(int value) {
        this.value = value;
    }

    /** The external-task priority the engine sorts by. */
    public int value() {
        return value;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TaskPriority> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.label().equals(text)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(TaskPriority::label).collect(Collectors.joining(", "));
    }
}
