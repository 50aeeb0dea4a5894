package dev.bosun.agent;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import dev.bosun.events.LogRotation;

/**
 * A member's terminal log: raw PTY bytes framed by a header and a footer per turn, rotated by size
 * ({@code bosun.logs.rotate-at-bytes}) like the event log. Raw because
 * {@code less -R} or {@code cat} on the file should replay what the agent's terminal showed.
 * Flushed after every chunk so {@code tail -f} follows a running turn.
 */
final class TurnLog implements Closeable {

    private final Path file;
    private final OutputStream out;

    private TurnLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    static TurnLog open(Path file) {
        return open(file, UnaryOperator.identity(), LogRotation.off());
    }

    /**
     * @param redaction wraps the file's stream (so known secrets are replaced before the disk)
     * @param rotation  renames the file once it is full, between two writes; it sits under the
     *                  redaction so a secret split over two writes is still replaced whole
     */
    static TurnLog open(Path file, UnaryOperator<OutputStream> redaction, LogRotation rotation) {
        try {
            return new TurnLog(file, new BufferedOutputStream(redaction.apply(rotation.appendingTo(file))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open agent log " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized void line(String text) {
        byte[] bytes = ("\n" + text + "\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, bytes.length);
    }

    synchronized void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write agent log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close agent log " + file + ": " + e.getMessage(), e);
        }
    }
}
