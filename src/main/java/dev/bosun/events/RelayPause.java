package dev.bosun.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * For crash tests only: where the outbox's relay stops for good, so that a test can kill the
 * server with SIGKILL exactly there. Set by the environment variable {@value #VARIABLE} as
 * {@code <point>:<event>:<marker file>}, point {@code before-append} (the step committed, its line
 * not written) or {@code after-append} (the line written, its row not yet deleted). The relay
 * creates the marker file when it reaches the point with an event of that name, then waits until
 * the process dies. Unset, it does nothing.
 */
record RelayPause(Point point, String event, Path marker) {

    static final String VARIABLE = "BOSUN_TEST_RELAY_PAUSE";

    enum Point {
        BEFORE_APPEND,
        AFTER_APPEND
    }

    /** The pause the environment asks for, or null. */
    static @Nullable RelayPause fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    VARIABLE + " must be <before-append|after-append>:<event>:<marker file>, not '" + value + "'");
        }
        Point point = switch (parts[0]) {
            case "before-append" -> Point.BEFORE_APPEND;
            case "after-append" -> Point.AFTER_APPEND;
            default ->
                throw new IllegalArgumentException(
                        VARIABLE + ": the point must be before-append or after-append, not '" + parts[0] + "'");
        };
        return new RelayPause(point, parts[1], Path.of(parts[2]));
    }

    /** Stops here for good when this is the point and the event; an interrupt ends the relay round. */
    void at(Point reached, String eventName) {
        if (reached != point || !event.equals(eventName)) {
            return;
        }
        try {
            Files.createDirectories(marker.toAbsolutePath().getParent());
            Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the relay's test pause was interrupted", e);
        }
    }
}
