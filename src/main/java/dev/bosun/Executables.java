package dev.bosun;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where a command's program is, found the way {@code execvp} looks: a name with a slash is a path
 * (relative to the folder the command starts in), a bare name is searched in each folder of PATH.
 * One home, because the agent start, the test run and {@code bosun validate} must agree on what is
 * found. Pure apart from reading the file system.
 */
public final class Executables {

    private Executables() {}

    /**
     * @param directory   the folder the command starts in (a relative path or PATH entry is resolved there)
     * @param argv0       the program as the command names it
     * @param pathVariable the PATH the command gets, or null for none
     * @return the executable regular file, or empty
     */
    public static Optional<Path> find(Path directory, String argv0, @Nullable String pathVariable) {
        if (argv0.contains("/")) {
            return executable(directory.resolve(argv0));
        }
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            // An empty entry means the current folder, as for execvp.
            Optional<Path> found =
                    executable(directory.resolve(dir.isEmpty() ? "." : dir).resolve(argv0));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
                ? Optional.of(candidate.toAbsolutePath())
                : Optional.empty();
    }
}
