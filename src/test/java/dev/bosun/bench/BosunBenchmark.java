package dev.bosun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The benchmark: {@code bin/benchmark [SECTION...]} runs it (not {@code verify}: its name matches
 * no test pattern). Every section measures Bosun and its baseline in the same run, so a busy
 * machine slows both; the report goes to {@code target/benchmark/report.md} and the console.
 * A missed goal is a figure, not a failure; a section that cannot measure fails the run.
 */
class BosunBenchmark {

    /** In the order the report shows them. */
    private static List<BenchmarkSection> sections() {
        return List.of(
                new LifecycleBenchmark(),
                new MessageBenchmark(),
                new CliBenchmark(),
                new StartupBenchmark(),
                new HistoryBenchmark(),
                new MergeQueueBenchmark());
    }

    @Test
    void measure() throws Exception {
        Set<String> chosen = Arrays.stream(
                        System.getProperty("bosun.benchmark.sections", "").split("[,\\s]+"))
                .filter(name -> !name.isBlank())
                .collect(Collectors.toSet());
        List<BenchmarkSection> all = sections();
        Set<String> known = all.stream().map(BenchmarkSection::name).collect(Collectors.toSet());
        if (!known.containsAll(chosen)) {
            chosen.removeAll(known);
            throw new IllegalArgumentException("unknown benchmark section(s) " + chosen + "; known: " + known);
        }
        Path project = Path.of("").toAbsolutePath();
        String machine = Machine.describe();
        Instant started = Instant.now();
        List<BenchmarkReport.Section> results = new ArrayList<>();
        boolean failed = false;
        for (BenchmarkSection section : all) {
            if (!chosen.isEmpty() && !chosen.contains(section.name())) {
                continue;
            }
            System.out.println("benchmark: " + section.name() + " (load average " + Machine.loadAverage() + ")");
            try (BenchmarkWorkspace workspace = new BenchmarkWorkspace(project)) {
                List<Figure> figures = section.run(workspace);
                figures.forEach(f -> System.out.println(
                        "  " + f.measure() + ": " + f.value() + " (goal " + f.goal() + ", " + f.verdict() + ")"));
                results.add(new BenchmarkReport.Section(section.name(), figures, null));
            } catch (Exception | AssertionError e) {
                failed = true;
                e.printStackTrace(System.out);
                results.add(new BenchmarkReport.Section(section.name(), List.of(), String.valueOf(e)));
            }
        }
        String report = BenchmarkReport.markdown(
                machine, started, Duration.between(started, Instant.now()), commit(project), results);
        Path out = project.resolve("target").resolve("benchmark").resolve("report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("\n" + report + "\n(written to " + project.relativize(out) + ")");
        if (failed) {
            throw new AssertionError("a benchmark section failed; see its stack trace above");
        }
    }

    private static String commit(Path project) throws IOException, InterruptedException {
        try (BenchmarkWorkspace workspace = new BenchmarkWorkspace(project)) {
            var result = workspace.run(project, Map.of(), "git", "rev-parse", "--short", "HEAD");
            String dirty = workspace
                            .run(project, Map.of(), "git", "status", "--porcelain", "--untracked-files=no")
                            .out()
                            .isBlank()
                    ? ""
                    : " (with uncommitted changes)";
            return result.exitCode() == 0 ? result.out().strip() + dirty : "unknown";
        }
    }
}
