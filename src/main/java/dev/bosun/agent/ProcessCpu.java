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

    private ProcessCpu() {}

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
