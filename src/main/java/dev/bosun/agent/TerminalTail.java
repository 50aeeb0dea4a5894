package dev.bosun.agent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines of a terminal's output as plain text: CR and ANSI escape sequences removed,
 * because the tail goes back into a prompt and into the board, not to a terminal.
 *
 * <p>Bytes are split on {@code \n} before decoding so a UTF-8 character cut across two reads is
 * not mangled. Thread-safe: the PTY reader appends while another thread may read.
 */
final class TerminalTail {

    /** CSI (colours, cursor), OSC (titles, hyperlinks), charset selection, then two-byte escapes. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]"
            + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?"
            + "|\u001B[()*+][0-9A-Za-z]"
            + "|\u001B[@-Z\\\\-_=>78]");
    /** Whatever control characters are left (CR, BEL, backspace...) except tab. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F]");

    private final int maxLines;
    private final Deque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    TerminalTail(int maxLines) {
        this.maxLines = maxLines;
    }

    synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                endLine();
            } else {
                partial.write(bytes[i]);
            }
        }
    }

    /** The lines so far, oldest first, including an unfinished last line. */
    synchronized List<String> lines() {
        Deque<String> copy = new ArrayDeque<>(lines);
        if (partial.size() > 0) {
            copy.addLast(clean(partial.toString(StandardCharsets.UTF_8)));
            if (copy.size() > maxLines) {
                copy.removeFirst();
            }
        }
        return List.copyOf(copy);
    }

    static String clean(String raw) {
        return CONTROL.matcher(ANSI.matcher(raw).replaceAll("")).replaceAll("");
    }

    private void endLine() {
        lines.addLast(clean(partial.toString(StandardCharsets.UTF_8)));
        partial.reset();
        if (lines.size() > maxLines) {
            lines.removeFirst();
        }
    }
}
