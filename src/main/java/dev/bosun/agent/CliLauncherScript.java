package dev.bosun.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes {@code .bosun/bin/bosun}, the {@code bosun} command of this very server build, which
 * every agent finds first on its PATH: the role prompts tell agents to run {@code bosun task add},
 * {@code bosun send} and so on, and those must work even when the user never put bosun on PATH.
 */
public final class CliLauncherScript {

    static final String MAIN_CLASS = "dev.bosun.BosunApplication";

    private CliLauncherScript() {}

    /** Writes (atomically, executable) the launcher into {@code binDir}; returns its path. */
    public static Path write(Path binDir) {
        List<String> argv = JavaLauncher.current().command(MAIN_CLASS, List.of());
        String script = "#!/bin/sh\n"
                + "# Written by the Bosun server at start-up: the bosun CLI of the build that runs this team.\n"
                + "exec " + argv.stream().map(CliLauncherScript::quote).collect(Collectors.joining(" ")) + " \"$@\"\n";
        try {
            Files.createDirectories(binDir);
            Path temp = Files.createTempFile(binDir, "bosun", ".tmp");
            Files.writeString(temp, script);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path target = binDir.resolve("bosun");
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agents' bosun launcher into " + binDir, e);
        }
    }

    /** POSIX single quotes: nothing inside is special except the quote itself. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
