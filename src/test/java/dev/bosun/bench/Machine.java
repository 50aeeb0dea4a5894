package dev.bosun.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The machine the figures come from, for the report: they mean little without it. */
final class Machine {

    private Machine() {}

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        String cpu = cpuInfo("model name").orElse(System.getProperty("os.arch"));
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %s memory, %s %s, Java %s (%s), load average %s",
                runtime.availableProcessors(),
                cpu,
                memory().orElse("unknown"),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                loadAverage());
    }

    static String loadAverage() {
        return String.format(
                Locale.ROOT,
                "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Optional<String> cpuInfo(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith(field))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> line.replaceAll("\\D+", ""))
                    .map(kb -> String.format(Locale.ROOT, "%.1f GB", Long.parseLong(kb) / 1024.0 / 1024.0))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
