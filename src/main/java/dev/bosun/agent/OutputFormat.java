package dev.bosun.agent;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How Bosun reads one agent kind's terminal output while a turn runs: which conversation the turn
 * is in (as soon as the CLI names it, so a turn cut short by a stop or a crash can be resumed),
 * what the turn cost, and, for a CLI that prints a machine-readable event stream (Claude Code's
 * {@code stream-json}), the human-readable lines that {@code bosun logs}, {@code attach} and the
 * output tail show instead of the raw events.
 *
 * <p>{@link #start()} is called once per turn; the {@link Reading} it returns is fed by the PTY's
 * reader thread only, and read by the turn's thread after that reader ended (or, for
 * {@link Reading#sessionId()}, at any time: implementations publish it safely).
 */
public interface OutputFormat {

    /** A fresh reading for one turn. */
    Reading start();

    /** @return true when {@link Reading#render} replaces the raw output in the log and the tail */
    default boolean rendersLines() {
        return false;
    }

    /** One turn's output as it is being read. */
    interface Reading {

        /**
         * One complete line of terminal output, CR and ANSI escapes removed.
         *
         * @return the lines to show for it when the format {@link #rendersLines() renders lines}
         *     (none to hide it); ignored otherwise
         */
        List<String> render(String line);

        /** The conversation the CLI named so far; null while (or when) it names none. */
        @Nullable
        String sessionId();

        /** What the turn cost, once the CLI has reported it; null when it reports nothing. */
        @Nullable
        TurnUsage usage();
    }

    /** Output shown as it is, nothing read from it: the script and command kinds. */
    OutputFormat PLAIN = () -> new Reading() {
        @Override
        public List<String> render(String line) {
            return List.of(line);
        }

        @Override
        public @Nullable String sessionId() {
            return null;
        }

        @Override
        public @Nullable TurnUsage usage() {
            return null;
        }
    };
}
