package dev.bosun.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The processes that turns and test runs of a dead server left running for one Bosun folder:
 * every process carrying {@code BOSUN_HOME=<this folder>} whose {@code BOSUN_SERVER} names a
 * server that is gone (its pid gone, or reused by a process with another start time), see
 * {@link ServerMarks}. After a {@code kill -9} of a server whose SIGHUP is ignored ({@code nohup},
 * as services are often started) its agents keep running and committing; a new server ends them
 * before it runs the same turn again, so two agents never work in one worktree.
 *
 * <p>Never touched: processes of a live server (another node may share the folder, or a second
 * server on this machine), of another Bosun folder, of another user (their environment cannot be
 * read), this JVM and its ancestors, and a process whose {@code BOSUN_SERVER} is not one Bosun
 * wrote. What escapes is what escapes {@link ProcessMarker}: a process started with a cleared
 * environment.
 *
 * <p>Immutable and thread-safe.
 */
public final class LeftoverProcesses {

    private final byte[] homeEntry;

    /** @param bosunHome the Bosun folder ({@code <repository>/.bosun}) */
    public LeftoverProcesses(Path bosunHome) {
        this.homeEntry =
                (ServerMarks.HOME + "=" + bosunHome.toAbsolutePath().normalize()).getBytes(StandardCharsets.UTF_8);
    }

    /** The pids of the leftovers now. */
    public List<Long> find() {
        return handles().stream().map(ProcessHandle::pid).toList();
    }

    /**
     * Ends every leftover as {@link ProcessMarker#killAll} ends a run's processes: SIGTERM, a
     * moment to clean up, then SIGKILL, scanning again until none is left or {@code patience} is up.
     *
     * @return what was found and told to end, and whether any survived
     */
    public Stopped stop(Duration patience) {
        List<Long> found = find();
        if (found.isEmpty()) {
            return new Stopped(List.of(), List.of());
        }
        boolean interrupted = Thread.interrupted();
        try {
            ProcessMarker.terminateThenKill(this::handles, patience);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new Stopped(found, find());
    }

    /**
     * @param pids      the leftovers found and told to end
     * @param surviving those still there when the patience ran out
     */
    public record Stopped(List<Long> pids, List<Long> surviving) {
        public Stopped {
            pids = List.copyOf(pids);
            surviving = List.copyOf(surviving);
        }
    }

    private List<ProcessHandle> handles() {
        Set<Long> ancestors = new HashSet<>();
        for (Optional<ProcessHandle> p = ProcessHandle.current().parent();
                p.isPresent();
                p = p.get().parent()) {
            ancestors.add(p.get().pid());
        }
        return ProcessMarker.processesWhoseEnvironment(this::leftBehind).stream()
                .filter(p -> !ancestors.contains(p.pid()))
                .toList();
    }

    private boolean leftBehind(byte[] environ) {
        if (!ProcessMarker.containsEntry(environ, homeEntry)) {
            return false;
        }
        String server = valueOf(environ, ServerMarks.SERVER);
        return server != null && !ServerMarks.alive(server);
    }

    /** The value of the first {@code name=} element of a NUL-separated environment; null when none. */
    static @Nullable String valueOf(byte[] environ, String name) {
        byte[] prefix = (name + "=").getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start >= prefix.length
                        && java.util.Arrays.equals(environ, start, start + prefix.length, prefix, 0, prefix.length)) {
                    return new String(
                            environ, start + prefix.length, i - start - prefix.length, StandardCharsets.UTF_8);
                }
                start = i + 1;
            }
        }
        return null;
    }
}
