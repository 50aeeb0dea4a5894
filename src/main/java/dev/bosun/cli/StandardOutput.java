package dev.bosun.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The process's standard output as the commands' {@link PrintWriter}, which can also take raw
 * bytes: {@code bosun logs} replays a terminal log byte for byte (escape sequences, UTF-8 cut
 * anywhere, even invalid bytes), which decoding to characters and encoding again could change.
 */
final class StandardOutput extends PrintWriter {

    private final OutputStream bytes;

    StandardOutput(OutputStream out) {
        super(out, true);
        this.bytes = out;
    }

    /** Writes the bytes unchanged, after any text printed before them. */
    void writeBytes(byte[] data) {
        flush();
        try {
            bytes.write(data);
            bytes.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
