package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Where {@code bosun logs} writes a terminal log: the raw bytes to standard output, or, when the
 * command prints to any other writer (a test, an embedding program), the bytes decoded as UTF-8.
 * The decoder keeps an incomplete character until the next chunk, so a character cut at a page
 * or poll boundary is not mangled. Not thread-safe: one command, one thread.
 */
final class LogOutput {

    private final PrintWriter out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] pending = new byte[0];

    LogOutput(PrintWriter out) {
        this.out = out;
    }

    void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (out instanceof StandardOutput raw) {
            raw.writeBytes(bytes);
            return;
        }
        ByteBuffer in = ByteBuffer.allocate(pending.length + bytes.length)
                .put(pending)
                .put(bytes)
                .flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining());
        decoder.decode(in, chars, false);
        pending = new byte[in.remaining()];
        in.get(pending);
        out.write(chars.flip().toString());
        out.flush();
    }
}
