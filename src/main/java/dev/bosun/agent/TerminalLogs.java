package dev.bosun.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bosun.events.LogRotation;

/**
 * Reads the members' terminal logs ({@code <logsDir>/<member>.log}, written by {@link TurnLog})
 * by byte offset, so another process can page through a log and follow it while a turn appends.
 * Offsets are into the current file: after a rotation ({@link LogRotation}) a follower's offset is
 * past the new file's end, and it is answered from the new file's start, with the rotated file named.
 *
 * <p>Stateless and thread-safe; every call opens the file anew, so a log that is replaced or
 * truncated between calls is seen as it is now. The caller decides which names are members:
 * this class only refuses a name that would leave the logs folder.
 */
public final class TerminalLogs {

    /** The most one read returns, so a follower pages through a big log instead of loading it whole. */
    public static final int MAX_CHUNK = 1 << 20;

    /**
     * @param start   where {@code bytes} begin: the offset asked for, or 0 when the log is now
     *                shorter than that offset (it was rotated, truncated or replaced), so the reader
     *                starts over at the beginning of the file there is now
     * @param size    the log's size when it was read; 0 when the member has no log yet
     * @param rotated when the reader starts over and the log has been rotated: the newest file it
     *                was rotated into (the end of what the reader was following, most likely), by
     *                name; null otherwise
     */
    public record Chunk(
            long start, long size, byte[] bytes, @Nullable String rotated) {

        /** The offset to ask for next. */
        public long next() {
            return start + bytes.length;
        }
    }

    private final Path logsDir;

    private static @Nullable String newestRotation(Path file) {
        List<Path> rotations = LogRotation.rotationsOf(file);
        return rotations.isEmpty()
                ? null
                : rotations.get(rotations.size() - 1).getFileName().toString();
    }

    public TerminalLogs(Path logsDir) {
        this.logsDir = logsDir.toAbsolutePath().normalize();
    }

    /** The log file of a member; the same name {@code CodeTurnWorker} gives {@link TurnRequest#logFile()}. */
    public Path fileOf(String member) {
        Path file = logsDir.resolve(member + ".log").normalize();
        if (!logsDir.equals(file.getParent())) {
            throw new IllegalArgumentException("'" + member + "' is not a member name");
        }
        return file;
    }

    /**
     * Up to {@code limit} bytes (at most {@link #MAX_CHUNK}) of a member's log from {@code offset}.
     *
     * @throws IllegalArgumentException when offset or limit is negative
     */
    public Chunk read(String member, long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException(
                    "offset and limit must not be negative, got " + offset + " and " + limit);
        }
        Path file = fileOf(member);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = offset <= size ? offset : 0;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.min(limit, MAX_CHUNK), size - start));
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = channel.read(buffer, start + buffer.position());
            }
            String rotated = start < offset ? newestRotation(file) : null;
            return new Chunk(start, size, Arrays.copyOf(buffer.array(), buffer.position()), rotated);
        } catch (NoSuchFileException e) {
            // Between a rotation's rename and the next write there is no file: the same start over.
            return new Chunk(0, 0, new byte[0], offset > 0 ? newestRotation(file) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terminal log " + file, e);
        }
    }
}
