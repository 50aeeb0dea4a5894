package dev.bosun.bench;

import java.util.Locale;

/**
 * One measured figure with its goal: {@code measure} what was measured, {@code value} the figure as
 * printed (with its baseline where it is a ratio), {@code goal} the goal as printed, {@code verdict}
 * "met" or how far it is missed.
 */
record Figure(String measure, String value, String goal, String verdict) {

    /** A figure whose goal is an upper bound: {@code 14 ms} against {@code ≤ 20 ms}. */
    static Figure atMost(String measure, double value, double goal, String unit, String detail) {
        return new Figure(
                measure,
                number(value) + " " + unit + (detail.isEmpty() ? "" : " (" + detail + ")"),
                "≤ " + number(goal) + " " + unit,
                verdict(value, goal));
    }

    /** A ratio against a baseline measured in the same run: {@code Bosun 3.1 s / bash 2.8 s = 1.11×}. */
    static Figure ratio(String measure, String what, double bosun, String baseline, double base, double goal) {
        double ratio = bosun / base;
        return new Figure(
                measure,
                String.format(
                        Locale.ROOT, "%s %s / %s %s = %.3f×", what, seconds(bosun), baseline, seconds(base), ratio),
                "≤ " + number(goal) + "×",
                verdict(ratio, goal));
    }

    /** A yes/no promise: {@code found in 4 test runs, 7 merged}. */
    static Figure holds(String measure, String value, String goal, boolean met, String missedBy) {
        return new Figure(measure, value, goal, met ? "met" : "missed: " + missedBy);
    }

    private static String verdict(double value, double goal) {
        if (value <= goal) {
            return "met";
        }
        double percent = (value / goal - 1) * 100;
        // A near miss keeps a decimal: "missed by 0%" would read as met.
        return String.format(Locale.ROOT, percent < 10 ? "missed by %.1f%%" : "missed by %.0f%%", percent);
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    /** Milliseconds as seconds for a wall time: {@code 3.14 s}. */
    static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
}
