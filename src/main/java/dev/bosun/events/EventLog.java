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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
 *       order. The order is kept by this instance (so per process), not across restarts.
 * </ul>
 */
public final class EventLog {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final Path file;
    private final LogRotation rotation;
    private final ObjectMapper mapper;
    private final UnaryOperator<String> redaction;
    private final ReentrantLock lock = new ReentrantLock();

    /** The {@code ts} of the last line written; guarded by {@link #lock}. */
    private Instant lastWritten = Instant.MIN;

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
        ObjectNode json;
        try {
            json = (ObjectNode) redacted(toJson(event));
        } catch (RuntimeException e) {
            log.warn(
                    "event log {}: cannot write event '{}' of task {} as JSON: {}",
                    file,
                    event.event(),
                    event.task(),
                    e.toString());
            return false;
        }
        lock.lock();
        try {
            Instant ts = event.ts().isBefore(lastWritten) ? lastWritten : event.ts();
            // replaces the value in place: ts stays the first field
            json.put("ts", TS.format(ts));
            byte[] line = (mapper.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            rotation.rotateIfFull(file);
            write(line);
            lastWritten = ts;
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "event log {}: cannot append event '{}' of task {}: {}",
                    file,
                    event.event(),
                    event.task(),
                    e.toString());
            return false;
        } finally {
            lock.unlock();
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
