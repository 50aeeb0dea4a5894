package dev.bosun.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * What {@code git worktree list} knows: which folders are worktrees and which branch each has
 * checked out. Read fresh on every call, because agents and users change it behind Bosun's back.
 */
final class WorktreeRegistry {

    /** A registered worktree and the branch (short name) it has checked out, null when detached. */
    record Entry(Path path, @Nullable String branch) {}

    private final Path repository;
    private final GitCli git;

    WorktreeRegistry(Path repository, GitCli git) {
        this.repository = repository;
        this.git = git;
    }

    boolean isRegistered(Path path) {
        return find(path).isPresent();
    }

    /** The branch (short name) checked out at {@code path}; empty when detached or unknown. */
    Optional<String> branchAt(Path path) {
        return find(path).map(Entry::branch);
    }

    /** The worktree that has {@code branch} (short name) checked out, if any. */
    Optional<Path> worktreeWith(String branch) {
        return entries().stream()
                .filter(e -> branch.equals(e.branch()))
                .map(Entry::path)
                .findFirst();
    }

    /** What {@code git worktree list} says of {@code path}: empty when it is not a worktree. */
    Optional<Entry> find(Path path) {
        Path wanted = canonical(path);
        return entries().stream()
                .filter(e -> canonical(e.path()).equals(wanted))
                .findFirst();
    }

    private List<Entry> entries() {
        // -z: records and fields are NUL-separated, so any path parses.
        String out = git.orThrow(repository, "worktree", "list", "--porcelain", "-z");
        List<Entry> entries = new ArrayList<>();
        Path path = null;
        String branch = null;
        for (String field : out.split("\0", -1)) {
            if (field.isEmpty()) {
                if (path != null) {
                    entries.add(new Entry(path, branch));
                }
                path = null;
                branch = null;
            } else if (field.startsWith("worktree ")) {
                path = Path.of(field.substring("worktree ".length()));
            } else if (field.startsWith("branch ")) {
                String ref = field.substring("branch ".length());
                branch = ref.startsWith(Constants.R_HEADS) ? ref.substring(Constants.R_HEADS.length()) : ref;
            }
        }
        if (path != null) {
            entries.add(new Entry(path, branch));
        }
        return entries;
    }

    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }
}
