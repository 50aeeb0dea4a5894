package dev.bosun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * {@code .bosun/server.json}: which server runs for a repository (its pid and URL), written by
 * the server once it is ready and removed when it stops. {@code bosun status}, {@code send} and
 * the others find the server through it, and {@code bosun stop} the process to stop. Read and
 * written with {@link LightJson}: every client command reads it, and an ObjectMapper would cost
 * such a command a third of its time.
 */
public final class ServerFile {

    /**
     * @param startedAt        ISO-8601
     * @param stopGraceSeconds how long a stop lets running work finish ({@code bosun.stop.turn-grace}),
     *                         so {@code bosun stop} knows how long to wait; null in a file written
     *                         before the setting existed
     */
    public record Contents(
            long pid,
            String url,
            String repository,
            String startedAt,
            @Nullable Long stopGraceSeconds) {

        public Contents(long pid, String url, String repository, String startedAt) {
            this(pid, url, repository, startedAt, null);
        }
    }

    private ServerFile() {}

    public static Path path(Path repository) {
        return repository.resolve(".bosun").resolve("server.json");
    }

    /** Empty when the file is missing or unreadable (a half-written or foreign file is not a server). */
    public static Optional<Contents> read(Path file) {
        JsonNode json;
        try {
            json = LightJson.read(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode pid = json.path("pid");
        JsonNode url = json.path("url");
        JsonNode grace = json.path("stopGraceSeconds");
        boolean graceValid = grace.isIntegralNumber() || grace.isNull() || grace.isMissingNode();
        if (!pid.isIntegralNumber() || !pid.canConvertToLong() || !url.isTextual() || !graceValid) {
            return Optional.empty();
        }
        return Optional.of(new Contents(
                pid.longValue(),
                url.textValue(),
                json.path("repository").textValue(),
                json.path("startedAt").textValue(),
                grace.isIntegralNumber() ? grace.longValue() : null));
    }

    /** Atomically, so a reader never sees half a file. */
    public static void write(Path file, Contents contents) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "server", ".json.tmp");
            Files.write(temp, LightJson.write(fields(contents)));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The file's fields, in the file's order (also what {@code bosun start --json} prints). */
    public static Map<String, Object> fields(Contents contents) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pid", contents.pid());
        fields.put("url", contents.url());
        fields.put("repository", contents.repository());
        fields.put("startedAt", contents.startedAt());
        fields.put("stopGraceSeconds", contents.stopGraceSeconds());
        return fields;
    }

    /** Removes the file only if it still names {@code pid}: a newer server's file stays. */
    public static void removeIfOwnedBy(Path file, long pid) {
        if (read(file).map(c -> c.pid() == pid).orElse(false)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + file, e);
            }
        }
    }
}
