package dev.bosun.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Waits on the real processes tests start: for a pid file to be written, for a process to be gone. */
public final class Processes {

    /** Generous: a killed process may linger until it is reaped, longer on a busy machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Processes() {}

    /** The pid a process wrote into {@code pidFile}, once the file holds one. */
    public static long awaitPid(Path pidFile) {
        String text = Await.until("a pid in " + pidFile, PATIENCE, () -> read(pidFile), pid -> !pid.isBlank());
        return Long.parseLong(text.strip());
    }

    /** Waits until the process whose pid {@code pidFile} holds is gone; fails naming {@code what}. */
    public static void awaitGone(Path pidFile, String what) {
        awaitGone(awaitPid(pidFile), what);
    }

    /** Waits until {@code pid} is gone, or a zombie nobody reaped (a container's PID 1 may not reap orphans). */
    public static void awaitGone(long pid, String what) {
        Await.until(what + " (pid " + pid + ") to be gone", PATIENCE, () -> gone(pid), gone -> gone);
    }

    private static boolean gone(long pid) {
        Path stat = Path.of("/proc/" + pid + "/stat");
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException vanished) {
            return true;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
