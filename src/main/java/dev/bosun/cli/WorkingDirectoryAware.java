package dev.bosun.cli;

import java.nio.file.Path;

/** A command that works relative to the directory the user ran {@code bosun} in. */
interface WorkingDirectoryAware {
    void workingDirectory(Path directory);
}
