package dev.bosun.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes raw bytes (a terminal's output) to another stream with the UTF-8 bytes of each secret
 * replaced by {@code [redacted]}. A secret may arrive split over several writes: the end of what
 * was written that could be the start of a secret is held back until the next write shows whether
 * it is one, and {@link #flush()} never releases it; {@link #close()} writes it out. Everything
 * else is passed on at once, so {@code tail -f} still follows a running turn.
 *
 * <p>What it cannot see: a secret the terminal program interleaves with other bytes (a cursor
 * move or colour code between its characters) is no longer the secret's byte sequence.
 *
 * <p>Not thread-safe: one writer, as the reader of one terminal.
 */
public final class RedactingOutputStream extends OutputStream {

    private static final byte[] REDACTED = Redactor.REDACTED.getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final List<byte[]> secrets;
    private byte[] pending = new byte[0];

    /** @param secrets the values to replace; blank ones are ignored, longer ones win */
    public RedactingOutputStream(OutputStream out, Collection<String> secrets) {
        this.out = out;
        this.secrets = secrets.stream()
                .filter(s -> s != null && !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
                .toList();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (secrets.isEmpty()) {
            out.write(bytes, offset, length);
            return;
        }
        byte[] data = new byte[pending.length + length];
        System.arraycopy(pending, 0, data, 0, pending.length);
        System.arraycopy(bytes, offset, data, pending.length, length);
        ByteArrayOutputStream ready = new ByteArrayOutputStream(data.length);
        int i = 0;
        int held = data.length - heldBack(data);
        while (i < held) {
            byte[] match = matchAt(data, i);
            if (match != null) {
                ready.write(REDACTED);
                i += match.length;
            } else {
                ready.write(data[i]);
                i++;
            }
        }
        // a secret that started before the held-back part was replaced whole and may reach into it
        pending = Arrays.copyOfRange(data, Math.min(i, data.length), data.length);
        out.write(ready.toByteArray());
    }

    /** How many bytes at the end of {@code data} could be the beginning of a secret not yet complete. */
    private int heldBack(byte[] data) {
        int longest = 0;
        for (byte[] secret : secrets) {
            for (int k = Math.min(secret.length - 1, data.length); k > longest; k--) {
                if (Arrays.equals(data, data.length - k, data.length, secret, 0, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }

    private byte @Nullable [] matchAt(byte[] data, int at) {
        for (byte[] secret : secrets) {
            if (at + secret.length <= data.length
                    && Arrays.equals(data, at, at + secret.length, secret, 0, secret.length)) {
                return secret;
            }
        }
        return null;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes what was held back (it turned out to be no secret) and closes the stream below. */
    @Override
    public void close() throws IOException {
        try {
            out.write(pending);
            pending = new byte[0];
        } finally {
            out.close();
        }
    }
}
