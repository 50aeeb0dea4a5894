package dev.bosun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A program that is there when the server starts, so its start-up check ({@code
 * preflight.ServerPreflight}) passes, and that a test removes before a task needs it: a binary
 * uninstalled while the server runs, which is how a task can still meet a missing program.
 */
public final class UninstalledAfterStart {

    private UninstalledAfterStart() {}

    /** Creates {@code program} (a script that fails) if it is missing; returns its absolute path, for a setting. */
    public static String install(Path program) {
        try {
            if (!Files.exists(program)) {
                Files.createDirectories(program.getParent());
                Files.writeString(program, "#!/bin/sh\necho 'installed only for the start-up check' >&2\nexit 1\n");
                Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return program.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes it: from now on running it fails as a program that does not exist. */
    public static void uninstall(Path program) {
        try {
            Files.delete(program);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
