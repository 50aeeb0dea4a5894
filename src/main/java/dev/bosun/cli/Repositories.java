package dev.bosun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the git repository a command runs in, the way git does: the nearest folder with .git. */
final class Repositories {

    private Repositories() {}

    static Path root(Path workingDirectory) {
        return find(workingDirectory)
                .orElseThrow(() -> new CliException("not inside a git repository: " + workingDirectory));
    }

    static Optional<Path> find(Path workingDirectory) {
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
