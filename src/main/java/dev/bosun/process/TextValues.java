package dev.bosun.process;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Camunda keeps a String variable in a 4000-character column (H2 and PostgreSQL alike): a longer
 * task body or prompt would fail the whole step. Long free text is therefore stored as UTF-8
 * bytes, and text that people read in forms (output tails, reasons) is cut to fit, keeping its end.
 */
public final class TextValues {

    /** Leaves room below the column size for multi-line markers. */
    static final int MAX_STRING = 3900;

    static final int MAX_REASON = 1000;
    private static final String CUT = "[... earlier output cut ...]\n";

    private TextValues() {}

    /** A String when it fits the column, else its UTF-8 bytes; read it back with {@link #read}. */
    public static Object store(String text) {
        if (text == null || text.length() <= MAX_STRING) {
            return text;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text of a variable stored by {@link #store} (or any other value's string form). */
    public static @Nullable String read(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    /** At most {@link #MAX_STRING} characters, keeping the end, where a failure's cause usually is. */
    public static String tail(String text) {
        if (text == null || text.length() <= MAX_STRING) {
            return text;
        }
        return CUT + text.substring(text.length() - (MAX_STRING - CUT.length()));
    }

    /** At most {@link #MAX_STRING} characters, keeping the start. */
    public static String head(String text) {
        return head(text, MAX_STRING);
    }

    /**
     * A failure reason: short, because it also goes into the escalation's description, which
     * Camunda keeps in a 4000-character column together with other text.
     */
    public static String reason(String text) {
        return head(text, MAX_REASON);
    }

    private static String head(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 3) + "...";
    }
}
