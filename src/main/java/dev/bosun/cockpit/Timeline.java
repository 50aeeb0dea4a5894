package dev.bosun.cockpit;

import java.util.List;

/** A finished instance and everything that happened in it, oldest first. */
public record Timeline(FinishedInstance instance, List<TimelineEntry> entries) {

    public Timeline {
        entries = List.copyOf(entries);
    }
}
