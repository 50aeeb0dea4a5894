package dev.bosun.events;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one size rule every log file of Bosun is rotated by: the event log, the members' terminal
 * logs and the test-run logs. A file that holds at least {@code rotateAtBytes} bytes before a write
 * is renamed to {@code <stem>-<yyyyMMdd-HHmmss-SSS><.ext>} in the same folder ({@code -1},
 * {@code -2}... added if that name exists), and the write starts a new file. A write is never
 * split across files. {@code rotateAtBytes <= 0} turns rotation off.
 *
 * <p>Immutable and thread-safe; the writers serialise their own writes (one writer per file).
 */
public final class LogRotation {

    private static final DateTimeFormatter ROTATED =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final long rotateAtBytes;
    private final Clock clock;

    /** @param clock names the rotated files */
    public LogRotation(long rotateAtBytes, Clock clock) {
        this.rotateAtBytes = rotateAtBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** No rotation: files grow without limit. */
    public static LogRotation off() {
        return new LogRotation(0, Clock.systemUTC());
    }

    boolean isFull(long size) {
        return rotateAtBytes > 0 && size >= rotateAtBytes;
    }

    /**
     * Renames {@code file} when it is a regular file that is full.
     *
     * @return the name it has now, or empty when it was not rotated
     */
    public Optional<Path> rotateIfFull(Path file) throws IOException {
        if (rotateAtBytes <= 0 || !Files.isRegularFile(file) || !isFull(Files.size(file))) {
            return Optional.empty();
        }
        Path rotated = rotatedName(file);
        Files.move(file, rotated);
        return Optional.of(rotated);
    }

    /**
     * The files {@code file} was rotated into, oldest first (by the time in their names, then the
     * counter). Empty when there are none or the folder cannot be listed.
     */
    public static List<Path> rotationsOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        Pattern rotated = Pattern.compile(
                Pattern.quote(stem + "-") + "(\\d{8}-\\d{6}-\\d{3})(?:-(\\d{1,9}))?" + Pattern.quote(extension));
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        record Rotated(Path path, String time, int counter) {}
        try (Stream<Path> siblings = Files.list(folder)) {
            return siblings.flatMap(path -> {
                        Matcher matcher = rotated.matcher(path.getFileName().toString());
                        if (!matcher.matches()) {
                            return Stream.empty();
                        }
                        String counter = matcher.group(2);
                        return Stream.of(
                                new Rotated(path, matcher.group(1), counter == null ? 0 : Integer.parseInt(counter)));
                    })
                    .sorted(Comparator.comparing(Rotated::time).thenComparingInt(Rotated::counter))
                    .map(Rotated::path)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private Path rotatedName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String base = stem + "-" + ROTATED.format(clock.instant());
        Path candidate = file.resolveSibling(base + extension);
        for (int counter = 1; Files.exists(candidate); counter++) {
            candidate = file.resolveSibling(base + "-" + counter + extension);
        }
        return candidate;
    }

    /**
     * A stream appending to {@code file} (created with its folders if missing) that rotates it by
     * this rule before a write finds it full, so one long-running writer (a noisy agent turn) is
     * rotated too, not only the next one. Not thread-safe: the caller serialises writes.
     */
    public OutputStream appendingTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new RotatingStream(file);
    }

    private final class RotatingStream extends OutputStream {
        private final Path file;
        private FileOutputStream out;

        RotatingStream(Path file) throws IOException {
            this.file = file;
            this.out = new FileOutputStream(file.toFile(), true);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            // The open file's size, not the path's: the path may already name a file another
            // writer started after a rotation of its own.
            if (length > 0 && isFull(out.getChannel().size())) {
                out.close();
                rotateIfFull(file);
                out = new FileOutputStream(file.toFile(), true);
            }
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
