package dev.bosun.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation of a member's task turn while it runs, kept in {@code .bosun/logs/<member>.session}
 * (next to its terminal log, in Bosun's private folder) from the moment the CLI names it: the
 * task, the attempt and the session. A turn that ends (exit or timeout) removes it; a turn cut
 * short by a stop or a crash leaves it, and when the engine runs the same attempt of the same task
 * again for that member, {@link #resumeIfInterrupted} continues that conversation instead of
 * starting the turn from nothing (paid twice with a real model).
 *
 * <p>Only task turns: a message turn (no task) is neither kept nor resumed. One file per member:
 * a member runs one turn at a time. Written whole (a temporary file moved into place), owner-only.
 */
final class SessionFile {

    private static final Logger log = LoggerFactory.getLogger(SessionFile.class);

    /** What a kept file says. */
    record Saved(String task, int attempt, String session) {}

    private SessionFile() {}

    /** {@code <member>.session} next to the request's terminal log. */
    static Path of(TurnRequest request) {
        Path logFile = request.logFile().toAbsolutePath().normalize();
        String name = logFile.getFileName().toString();
        String stem = name.endsWith(".log") ? name.substring(0, name.length() - ".log".length()) : name;
        return logFile.resolveSibling(stem + ".session");
    }

    /**
     * The request as it should run: when the member's kept session names this task and attempt,
     * the same request resuming that session, its prompt opened by a note that the turn was
     * interrupted and its conversation continues. A request that names a session of its own
     * resumes the kept one instead, when there is one for this attempt: that is the same
     * conversation, continued further by the interrupted turn (a CLI that forks a resumed
     * conversation gives it a new id). Otherwise the request unchanged.
     */
    static TurnRequest resumeIfInterrupted(TurnRequest request) {
        if (request.taskId() == null) {
            return request;
        }
        Optional<Saved> saved = read(of(request));
        if (saved.isEmpty()
                || !saved.get().task().equals(request.taskId())
                || saved.get().attempt() != request.attempt()) {
            return request;
        }
        log.info(
                "{}: continuing session {} of the interrupted turn on task {} attempt {}",
                request.member(),
                saved.get().session(),
                request.taskId(),
                request.attempt());
        return new TurnRequest(
                request.member(),
                request.taskId(),
                request.attempt(),
                request.workingDirectory(),
                interruptedNote(request) + request.prompt(),
                request.timeout(),
                request.logFile(),
                request.environment(),
                saved.get().session(),
                request.control());
    }

    static String interruptedNote(TurnRequest request) {
        return "Note from Bosun: your previous turn on task " + request.taskId() + " (attempt " + request.attempt()
                + ") was interrupted before it ended (Bosun stopped or crashed); this conversation continues it. "
                + "What you did then is still in your worktree: check it (git status, git log) and carry on "
                + "without redoing finished work. Your instructions for this turn, again:\n\n";
    }

    static Optional<Saved> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    fields.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            String task = fields.get("task");
            String session = fields.get("session");
            String attempt = fields.get("attempt");
            if (task == null || session == null || session.isEmpty() || attempt == null) {
                log.warn("ignoring {}: it does not name a task, an attempt and a session", file);
                return Optional.empty();
            }
            return Optional.of(new Saved(task, Integer.parseInt(attempt), session));
        } catch (IOException | NumberFormatException e) {
            log.warn("ignoring {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps one turn's session in its file; fed by the PTY's reader thread. */
    static Keeper keeper(TurnRequest request) {
        return new Keeper(request.taskId() == null ? null : of(request), request.taskId(), request.attempt());
    }

    /** Thread-safe: the reader thread reports sessions, the turn's thread ends it. */
    static final class Keeper {
        private final @Nullable Path file;
        private final @Nullable String task;
        private final int attempt;
        private @Nullable String written;
        private boolean ended;
        private boolean failed;

        private Keeper(@Nullable Path file, @Nullable String task, int attempt) {
            this.file = file;
            this.task = task;
            this.attempt = attempt;
        }

        /** The session the CLI named so far (null: none yet); written when it changes. */
        synchronized void seen(@Nullable String session) {
            if (file == null || ended || session == null || session.equals(written)) {
                return;
            }
            if (session.indexOf('\n') >= 0 || session.indexOf('\r') >= 0) {
                return; // not an id any CLI prints
            }
            written = session;
            try {
                write(file, "task=" + task + "\nattempt=" + attempt + "\nsession=" + session + "\n");
            } catch (IOException | RuntimeException e) {
                if (!failed) {
                    failed = true;
                    log.warn("cannot keep the session of the turn in {}: {}", file, e.getMessage());
                }
            }
        }

        /** The turn ended (exit or timeout): nothing to resume; later reports are ignored. */
        synchronized void turnEnded() {
            ended = true;
            if (file == null) {
                return;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", file, e.getMessage());
            }
        }

        private static void write(Path file, String text) throws IOException {
            Path folder = Objects.requireNonNull(file.getParent());
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(
                    folder,
                    file.getFileName().toString(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
