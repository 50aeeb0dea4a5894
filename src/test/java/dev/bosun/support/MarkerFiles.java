package dev.bosun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Synchronising a scripted agent with its test without sleeping: the agent's turn waits (quietly)
 * until a marker file exists, and the test creates it when the turn may go on. A fixed sleep in
 * the script only makes an order likely, and a busy machine breaks it.
 */
public final class MarkerFiles {

    private MarkerFiles() {}

    /** A {@code bosun-script} step that prints nothing and returns once {@code marker} exists. */
    public static String awaitStep(Path marker) {
        return "run sh -c \"until [ -e " + marker + " ]; do sleep 0.1; done\"";
    }

    /** A {@code bosun-script} step that creates {@code marker} (and its folder). */
    public static String createStep(Path marker) {
        return "run sh -c \"mkdir -p " + marker.getParent() + " && touch " + marker + "\"";
    }

    /** Creates {@code marker} (and its folder): a turn waiting in {@link #awaitStep} goes on. */
    public static void create(Path marker) {
        try {
            Files.createDirectories(marker.getParent());
            Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
