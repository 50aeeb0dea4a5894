package dev.bosun.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One lifecycle event, one line of {@code .bosun/events.jsonl}. Immutable: the wither methods
 * return new records. Only {@code ts} and {@code event} are required; null fields are left out of
 * the JSON line, and {@code details} (attempt, exitCode, commit, decision...) are written as
 * top-level fields after the fixed ones, in insertion order.
 *
 * @param details never null (an empty map when absent); unmodifiable; a key may not repeat a
 *     fixed field's name, so a flattened line never has two fields of the same name
 */
public record BosunEvent(
        Instant ts,
        String event,
        String task,
        String member,
        String from,
        String to,
        String reason,
        Map<String, Object> details) {

    /**
     * Field names of the fixed part of a line; detail keys may not use them. {@code seq} is the
     * outbox id the event log adds to a line that came through the outbox ({@link EventLog#appendLine}).
     */
    public static final Set<String> FIXED_FIELDS =
            Set.of("ts", "event", "task", "member", "from", "to", "reason", EventLog.SEQ);

    public BosunEvent {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(event, "event");
        Map<String, Object> copy = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((key, value) -> {
                checkDetailKey(key);
                if (value != null) {
                    copy.put(key, value);
                }
            });
        }
        details = Collections.unmodifiableMap(copy);
    }

    /** An event stamped with the current time; {@code task} may be null (plan-level events). */
    public static BosunEvent of(String event, String task) {
        return of(event, task, Clock.systemUTC());
    }

    /** An event stamped with {@code clock}'s current time; for tests. */
    public static BosunEvent of(String event, String task, Clock clock) {
        return new BosunEvent(clock.instant(), event, task, null, null, null, null, Map.of());
    }

    public BosunEvent member(String member) {
        return new BosunEvent(ts, event, task, member, from, to, reason, details);
    }

    public BosunEvent from(String from) {
        return new BosunEvent(ts, event, task, member, from, to, reason, details);
    }

    public BosunEvent to(String to) {
        return new BosunEvent(ts, event, task, member, from, to, reason, details);
    }

    public BosunEvent reason(String reason) {
        return new BosunEvent(ts, event, task, member, from, to, reason, details);
    }

    /**
     * Adds or replaces one extra field; a null value removes it. The value should be something
     * Jackson writes without help: strings, numbers, booleans, lists, maps, java.time types.
     *
     * @throws IllegalArgumentException if {@code key} is blank or one of {@link #FIXED_FIELDS}
     */
    public BosunEvent detail(String key, Object value) {
        checkDetailKey(key);
        Map<String, Object> next = new LinkedHashMap<>(details);
        if (value == null) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        return new BosunEvent(ts, event, task, member, from, to, reason, next);
    }

    private static void checkDetailKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("detail key must not be blank");
        }
        if (FIXED_FIELDS.contains(key)) {
            throw new IllegalArgumentException("detail key '" + key + "' is a fixed field of the event");
        }
    }
}
