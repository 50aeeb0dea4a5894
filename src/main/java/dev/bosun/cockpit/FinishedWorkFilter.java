package dev.bosun.cockpit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the list of finished work is narrowed to; every part is optional. Text matches ignore case;
 * the dates are days in UTC, both included, and apply to when the instance ended.
 *
 * @param id     part of the task's or plan's id
 * @param title  part of the title
 * @param member the member exactly
 * @param status the status exactly
 * @param from   the first day
 * @param to     the last day
 */
public record FinishedWorkFilter(
        @Nullable String id,
        @Nullable String title,
        @Nullable String member,
        @Nullable String status,
        @Nullable LocalDate from,
        @Nullable LocalDate to) {

    public static final FinishedWorkFilter NONE = new FinishedWorkFilter(null, null, null, null, null, null);

    /**
     * The filter of a request's query parameters; a blank one means "any".
     *
     * @throws IllegalArgumentException naming the parameter and its value when a date is not
     *     {@code yyyy-mm-dd}, or the range ends before it starts
     */
    public static FinishedWorkFilter parse(
            @Nullable String id,
            @Nullable String title,
            @Nullable String member,
            @Nullable String status,
            @Nullable String from,
            @Nullable String to) {
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw new IllegalArgumentException("to: " + last + " is before from: " + first);
        }
        return new FinishedWorkFilter(
                blankless(id), blankless(title), blankless(member), blankless(status), first, last);
    }

    /** The start of the first day, for the engine's query; null for no lower bound. */
    public @Nullable Instant endedFrom() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the day after the last one; null for no upper bound. */
    public @Nullable Instant endedBefore() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean matches(FinishedInstance instance) {
        return contains(instance.id(), id)
                && contains(instance.title(), title)
                && (member == null || member.equals(instance.member()))
                && (status == null || status.equals(instance.status()))
                && (endedFrom() == null || !instance.endedAt().isBefore(endedFrom()))
                && (endedBefore() == null || instance.endedAt().isBefore(endedBefore()));
    }

    private static boolean contains(String text, @Nullable String part) {
        return part == null || text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static @Nullable String blankless(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable LocalDate day(String name, @Nullable String value) {
        String text = blankless(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a day as yyyy-mm-dd");
        }
    }
}
