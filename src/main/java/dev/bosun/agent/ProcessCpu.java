package dev.bosun.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far by a set of processes, from Linux's {@code /proc/<pid>/stat} (user plus
 * system time, in clock ticks). A process gone meanwhile counts nothing; outside Linux, everything
 * counts nothing and only terminal output shows life.
 */
final class ProcessCpu {

    /** The share of one core's time that counts as working rather than idling. */
    static final double BUSY_SHARE = 0.05;

    /** Linux's USER_HZ, the unit of /proc's CPU times, on every architecture Bosun runs on. */
    private static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /** Whether {@code ticks} used over {@code wall} is work, not idling. */
    static boolean busy(long ticks, java.time.Duration wall) {
        double seconds = wall.toMillis() / 1000.0;
        return ticks > 0 && ticks >= BUSY_SHARE * seconds * TICKS_PER_SECOND;
    }

    static long ticks(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            total += ticks(pid);
        }
        return total;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
