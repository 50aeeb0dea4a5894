package dev.bosun.cockpit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One line of a finished instance's timeline.
 *
 * @param kind    what it is: {@code step}, {@code turn}, {@code test}, {@code decision}, {@code merge}
 * @param at      when it started (or happened)
 * @param end     when it ended; null for a moment, or what never ended
 * @param title   what a person reads first (the step's name, the member, the decision)
 * @param details the rest, label to value, in the order shown; values are plain text
 */
public record TimelineEntry(
        String kind, Instant at, @Nullable Instant end, String title, Map<String, String> details) {

    public TimelineEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(title, "title");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
