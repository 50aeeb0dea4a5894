package dev.bosun.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@link BosunEvent}s to a JSONL file, one compact JSON object per line.
 *
 * <p>Contract:
 * <ul>
 *   <li>Thread-safe: appends from several threads are serialised by a lock of this instance, so
 *       lines never interleave. Use one instance per file in a process; two instances on the
 *       same file do not share the lock.
 *   <li>Each append opens the file, writes the whole line with its trailing {@code \n} and
 *       closes it, so after {@link #append} returns the line is complete and {@code tail -f}
 *       (or {@code tail -F} across rotations) sees it.
 *   <li>Never throws on a failed write: an audit log must not stop the lifecycle. A failure is
 *       logged as a warning and {@code append} returns false.
 *   <li>Rotation: when the file is a regular file of at least {@code rotateAtBytes} before an
 *       append, it is rotated by {@link LogRotation} (renamed to
 *       {@code <stem>-<yyyyMMdd-HHmmss-SSS>.jsonl}) and the line starts a new file. A line is never
 *       split across files. {@code rotateAtBytes <= 0} turns rotation off.
 *   <li>Every text in the line (fields and details, at any depth) passes through the redaction
 *       given, so known secrets are replaced before the line is written.
 *   <li>Timestamps never go back in file order: a line's {@code ts} is its event's, or the previous
 *       line's when the event is older. Events are stamped when their step runs and written after
 *       the engine's transaction commits, from several threads, so an event built earlier may
 *       reach the lock later; a reader sorting or tailing by time would otherwise see steps out of
 *       order. The order is kept by this instance and, from the last lines of the file at its first
 *       append, across restarts.
 *   <li>A line that came through the outbox ({@link #appendLine}) ends with its outbox id,
 *       {@code "seq"}; {@link #recentSeqs} finds the ids of the last lines, so a line written just
 *       before a crash is not written again. A last line cut short by a crash is ended with a line
 *       break before the next one, so the next line stays whole.
 * </ul>
 */
public final class EventLog {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    /** The field of a line that holds its outbox id. */
    public static final String SEQ = "seq";

    /**
     * How much of the end of a file {@link #recentSeqs} reads: some thousand lines, far more than
     * the rows one relay round writes before it marks them.
     */
    static final int TAIL_BYTES = 512 * 1024;

    private static final Pattern LINE_SEQ = Pattern.compile(",\"" + SEQ + "\":(\\d+)}$");
    private static final Pattern LINE_TS = Pattern.compile("^\\{\"ts\":\"([^\"]+)\"");

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final Path file;
    private final LogRotation rotation;
    private final ObjectMapper mapper;
    private final UnaryOperator<String> redaction;
    private final ReentrantLock lock = new ReentrantLock();

    /** The {@code ts} of the last line written; guarded by {@link #lock}. */
    private Instant lastWritten = Instant.MIN;

    /** Whether the file's end was read (its last {@code ts}, a line cut short); guarded by {@link #lock}. */
    private boolean endRead;

    /**
     * The outbox ids this instance knows are in the file, and the file's size they were true for
     * (-1: unknown). A relay round asks for them after every commit; reading the file's tail each
     * time would cost a step milliseconds, so the tail is read again only when the size shows
     * that someone else wrote (another node on the same file), or the file was rotated. Guarded by
     * {@link #lock}.
     */
    private final Set<Long> knownSeqs = new LinkedHashSet<>();

    private long knownSize = -1;

    /** Enough ids to cover a relay round many times over; older ones are deleted rows. */
    private static final int KNOWN_SEQS = 10_000;

    public EventLog(Path file, long rotateAtBytes) {
        this(file, rotateAtBytes, Clock.systemUTC());
    }

    /** As {@link #EventLog(Path, long)}, with the clock that names rotated files; for tests. */
    public EventLog(Path file, long rotateAtBytes, Clock clock) {
        this(file, rotateAtBytes, clock, UnaryOperator.identity());
    }

    /** @param redaction replaces known secrets in every text of a line; thread-safe */
    public EventLog(Path file, long rotateAtBytes, Clock clock, UnaryOperator<String> redaction) {
        this.redaction = Objects.requireNonNull(redaction, "redaction");
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.rotation = new LogRotation(rotateAtBytes, clock);
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** The file lines are appended to. */
    public Path file() {
        return file;
    }

    /**
     * Writes {@code event} as one line.
     *
     * @return true if the whole line was written; false (after a warning in the log) if the event
     *     was null, could not be turned into JSON, or the file could not be written
     */
    public boolean append(BosunEvent event) {
        if (event == null) {
            log.warn("event log {}: ignoring a null event", file);
            return false;
        }
        ObjectNode json = redactedJson(event);
        return json != null && write(json, event.event(), event.task());
    }

    /**
     * The line {@code event} would be, known secrets replaced, before its {@code ts} is kept from
     * going back: what the outbox stores, so no secret reaches the database either.
     *
     * @return null (after a warning in the log) if the event cannot be turned into JSON
     */
    public @Nullable String line(BosunEvent event) {
        ObjectNode json = redactedJson(event);
        return json == null ? null : json.toString();
    }

    /**
     * Writes a {@link #line} as one line that ends with {@code "seq": seq}.
     *
     * @return true if the whole line was written; false (after a warning in the log) if it is not
     *     a JSON object with a {@code ts}, or the file could not be written
     */
    public boolean appendLine(String line, long seq) {
        ObjectNode json;
        try {
            json = (ObjectNode) mapper.readTree(line);
            Instant.parse(json.get("ts").asText());
        } catch (IOException | RuntimeException e) {
            log.warn("event log {}: cannot write outbox line {}: {}", file, seq, e.toString());
            return false;
        }
        json.put(SEQ, seq);
        return write(json, json.path("event").asText(), json.path("task").asText(null));
    }

    /**
     * The outbox ids of the last lines written: those at the end of the file and, when it was
     * rotated, at the end of the newest rotated file. A line cut short is not among them.
     */
    public Set<Long> recentSeqs() {
        lock.lock();
        try {
            long size = sizeOf(file);
            if (size != knownSize) {
                knownSeqs.clear();
                for (String line : recentLines()) {
                    Matcher matcher = LINE_SEQ.matcher(line);
                    if (matcher.find()) {
                        knownSeqs.add(Long.parseLong(matcher.group(1)));
                    }
                }
                knownSize = size;
            }
            return new HashSet<>(knownSeqs);
        } finally {
            lock.unlock();
        }
    }

    private @Nullable ObjectNode redactedJson(BosunEvent event) {
        try {
            return (ObjectNode) redacted(toJson(event));
        } catch (RuntimeException e) {
            log.warn(
                    "event log {}: cannot write event '{}' of task {} as JSON: {}",
                    file,
                    event.event(),
                    event.task(),
                    e.toString());
            return null;
        }
    }

    private boolean write(ObjectNode json, String event, @Nullable String task) {
        lock.lock();
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!endRead) {
                readEnd();
            }
            Instant eventTs = Instant.parse(json.get("ts").asText());
            Instant ts = eventTs.isBefore(lastWritten) ? lastWritten : eventTs;
            // replaces the value in place: ts stays the first field
            json.put("ts", TS.format(ts));
            byte[] line = (mapper.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
            long before = sizeOf(file);
            rotation.rotateIfFull(file);
            write(line);
            lastWritten = ts;
            remember(json, before, line.length);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("event log {}: cannot append event '{}' of task {}: {}", file, event, task, e.toString());
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps {@link #knownSeqs} true for the file after this line, or marks it unknown when the file
     * is not simply the one it was true for plus this line (rotated, or written by someone else).
     */
    private void remember(ObjectNode json, long sizeBefore, int lineLength) {
        long after = sizeOf(file);
        if (knownSize < 0 || knownSize != sizeBefore || after != sizeBefore + lineLength) {
            knownSize = -1;
            return;
        }
        knownSize = after;
        JsonNode seq = json.get(SEQ);
        if (seq != null && seq.canConvertToLong()) {
            knownSeqs.add(seq.asLong());
            if (knownSeqs.size() > KNOWN_SEQS) {
                knownSeqs.remove(knownSeqs.iterator().next());
            }
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            return -2; // never equal to a known size: read the file again
        }
    }

    /**
     * Once per instance, before its first line: the last {@code ts} of the file (a restarted node
     * never writes an earlier one) and a line break after a last line a crash cut short.
     */
    private void readEnd() throws IOException {
        for (String line : recentLines()) {
            Matcher matcher = LINE_TS.matcher(line);
            if (matcher.find()) {
                try {
                    Instant ts = Instant.parse(matcher.group(1));
                    if (ts.isAfter(lastWritten)) {
                        lastWritten = ts;
                    }
                } catch (DateTimeParseException notATime) {
                    // a line someone edited: it says nothing about the order
                }
            }
        }
        if (Files.isRegularFile(file) && Files.size(file) > 0 && !endsWithLineBreak(file)) {
            log.warn("event log {}: its last line was cut short (a crash while it was written); ending it", file);
            write(new byte[] {'\n'});
        }
        endRead = true;
    }

    /** The whole lines at the end of the file and of the newest rotated one; guarded by {@link #lock}. */
    private List<String> recentLines() {
        List<String> lines = new ArrayList<>();
        List<Path> rotated = LogRotation.rotationsOf(file);
        if (!rotated.isEmpty()) {
            lines.addAll(lastLines(rotated.get(rotated.size() - 1)));
        }
        lines.addAll(lastLines(file));
        return lines;
    }

    /** The complete lines in the last {@link #TAIL_BYTES} of {@code path}; none if it cannot be read. */
    private List<String> lastLines(Path path) {
        if (!Files.isRegularFile(path)) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(0, size - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // read on: a channel may return fewer bytes than asked
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            // the last element follows the last line break: empty, or a line cut short
            lines.remove(lines.size() - 1);
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0); // begins in the middle of a line
            }
            return lines;
        } catch (IOException e) {
            log.warn("event log {}: cannot read the end of {}: {}", file, path, e.toString());
            return List.of();
        }
    }

    private static boolean endsWithLineBreak(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private ObjectNode toJson(BosunEvent event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("ts", TS.format(event.ts()));
        node.put("event", event.event());
        putIfPresent(node, "task", event.task());
        putIfPresent(node, "member", event.member());
        putIfPresent(node, "from", event.from());
        putIfPresent(node, "to", event.to());
        putIfPresent(node, "reason", event.reason());
        event.details().forEach((key, value) -> node.set(key, mapper.valueToTree(value)));
        return node;
    }

    /** The texts of the tree, not its JSON: a secret with a quote or backslash is escaped in JSON. */
    private JsonNode redacted(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(redaction.apply(node.textValue()));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, redacted(object.get(name))));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redacted(array.get(i)));
            }
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private void write(byte[] line) throws IOException {
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
