package dev.bosun.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The two marks every process of a turn or a test run carries besides its run's random one
 * ({@link ProcessMarker}): the Bosun folder it works for, {@code BOSUN_HOME=<absolute .bosun>},
 * and the server that started it, {@code BOSUN_SERVER=<pid>:<start time>}. A random mark dies with
 * the server that drew it; these can be read by the next server on the same folder, which ends
 * whatever a dead server left running ({@link LeftoverProcesses}) before it runs a turn again.
 *
 * <p>The start time is the kernel's (field 22 of {@code /proc/<pid>/stat}, clock ticks since boot),
 * so a pid reused by another process after the server died does not pass for the server.
 *
 * @param home   the absolute, normalized Bosun folder ({@code <repository>/.bosun})
 * @param server {@code <pid>:<start time>} of the server that starts the processes
 */
public record ServerMarks(String home, String server) {

    /** The variable naming the Bosun folder. */
    public static final String HOME = "BOSUN_HOME";
    /** The variable naming the server: {@code <pid>:<start time>}. */
    public static final String SERVER = "BOSUN_SERVER";

    private static final Path PROC = Path.of("/proc");

    public ServerMarks {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(server, "server");
    }

    /** This server's marks for the Bosun folder {@code bosunHome}. */
    public static ServerMarks of(Path bosunHome) {
        return new ServerMarks(bosunHome.toAbsolutePath().normalize().toString(), thisServer());
    }

    /**
     * This server's marks for a run whose log is written to {@code logFile}: Bosun writes every
     * terminal and test log to {@code <.bosun>/logs/}, so the Bosun folder is the log folder's parent.
     */
    public static ServerMarks forLogFile(Path logFile) {
        Path logs = logFile.toAbsolutePath().normalize().getParent();
        Path home = logs == null || logs.getParent() == null ? logs : logs.getParent();
        return of(home == null ? Path.of("/") : home);
    }

    /** Puts both marks into an environment about to be given to a process, replacing what was there. */
    public void applyTo(Map<String, String> environment) {
        environment.put(HOME, home);
        environment.put(SERVER, server);
    }

    /** {@code <pid>:<start time>} of this JVM. */
    static String thisServer() {
        long pid = ProcessHandle.current().pid();
        return pid + ":" + startTime(pid).orElse("unknown");
    }

    /**
     * Whether {@code server} ({@code <pid>:<start time>}) names a process that still runs: the pid
     * is there and started at that time. A reused pid is another process, so the server is gone.
     */
    static boolean alive(String server) {
        int colon = server.indexOf(':');
        if (colon <= 0) {
            return true; // not a mark Bosun wrote: never treat its carriers as leftovers
        }
        long pid;
        try {
            pid = Long.parseLong(server.substring(0, colon));
        } catch (NumberFormatException e) {
            return true;
        }
        return startTime(pid)
                .map(start -> start.equals(server.substring(colon + 1)))
                .orElse(false);
    }

    /** Field 22 of {@code /proc/<pid>/stat}; empty when the process is gone (or outside Linux). */
    static Optional<String> startTime(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        // The command name (field 2) is in parentheses and may hold spaces and ')': count from the last ')'.
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 1).trim().split(" ");
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.length > 19 ? Optional.of(fields[19]) : Optional.empty();
    }
}
