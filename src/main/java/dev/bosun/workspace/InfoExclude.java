package dev.bosun.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository's {@code info/exclude}: ignore patterns that stay local to this clone. Bosun
 * keeps its runtime folders out of {@code git status} here, never in the user's
 * {@code .gitignore}, which is versioned content.
 */
final class InfoExclude {

    private InfoExclude() {}

    /** Appends each of {@code lines} that is not there yet; safe to call any number of times. */
    static synchronized void ensure(Path repository, GitCli git, List<String> lines) {
        // --git-path: the common git dir's file, also when the repository is itself a linked worktree.
        Path exclude = repository.resolve(git.orThrow(repository, "rev-parse", "--git-path", "info/exclude"));
        try {
            String content = Files.exists(exclude) ? Files.readString(exclude) : "";
            List<String> present = content.lines().map(String::strip).toList();
            StringBuilder add = new StringBuilder();
            for (String line : lines) {
                if (!present.contains(line)) {
                    add.append(line).append('\n');
                }
            }
            if (add.isEmpty()) {
                return;
            }
            Files.createDirectories(exclude.getParent());
            String separator = content.isEmpty() || content.endsWith("\n") ? "" : "\n";
            Files.writeString(exclude, content + separator + "# Bosun's runtime folders\n" + add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + exclude, e);
        }
    }
}
