package dev.bosun.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The name of one {@code events.jsonl} in the outbox's rows: a random id kept next to it in
 * {@code events.id}, made by the first node that writes the file. A restarted node finds its rows
 * again by it (its node identity is new every start), and nodes that share a repository folder,
 * and so the file, share it; nodes with folders of their own never write each other's rows.
 */
final class EventLogId {

    static final int MAX_LENGTH = 64;

    private EventLogId() {}

    /** The id kept in {@code events.id} next to {@code eventLog}, made if there is none. */
    static String of(Path eventLog) {
        Path file = eventLog.toAbsolutePath().resolveSibling("events.id");
        try {
            if (!Files.exists(file)) {
                make(file);
            }
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (id.isEmpty() || id.length() > MAX_LENGTH || !id.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalStateException(file + " must hold one id of up to " + MAX_LENGTH
                        + " letters, digits, '.', '_' or '-'; it holds '" + id
                        + "'. Delete it to have a new one made (events waiting in the outbox for the old id are then"
                        + " not written)");
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the event log's id " + file, e);
        }
    }

    /** Written whole under another name, then linked: a node starting at the same time never reads half an id. */
    private static void make(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path written = Files.createTempFile(file.getParent(), "events.id", ".tmp");
        try {
            Files.writeString(written, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
            Files.createLink(file, written);
        } catch (FileAlreadyExistsException madeByAnotherNode) {
            // the other node's id stands
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
