package dev.bosun.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * pty4j extracts its native library into a fresh {@code pty4j-*} temp folder per JVM and never
 * removes it. With {@code pty4j.tmpdir} pointing at an existing absolute folder it reuses
 * {@code <folder>/<os-arch>} instead (checked in pty4j 0.13.12's {@code ExtractedNative}: the
 * folder must already exist, otherwise the property is ignored).
 */
final class PtyNatives {

    static final String PROPERTY = "pty4j.tmpdir";

    private PtyNatives() {}

    /** Idempotent; a value set by the user (e.g. {@code -Dpty4j.tmpdir=...}) wins. */
    static synchronized void useFixedFolder() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path folder =
                Path.of(System.getProperty("java.io.tmpdir"), "bosun-pty4j").toAbsolutePath();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create pty4j's native folder " + folder, e);
        }
        System.setProperty(PROPERTY, folder.toString());
    }
}
