package dev.bosun.cockpit;

import java.time.Duration;

/** Durations as a person reads them on a timeline: {@code 850 ms}, {@code 12.4 s}, {@code 3 min 5 s}. */
final class Durations {

    private Durations() {}

    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
