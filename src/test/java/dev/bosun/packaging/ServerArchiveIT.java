package dev.bosun.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.TestRepository;

/**
 * {@code bosun start} from the extracted layout (the packaged jar and its {@code lib/}, as
 * {@code bin/bosun} runs it): the first start records the server's classes and leaves the archive
 * to be made, the next start's server maps it, and with the archive damaged the server still
 * starts. Runs in {@code verify}, after {@code package}.
 */
class ServerArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void theSecondStartMapsTheArchiveTheFirstLeftAndADamagedOneStillStarts() throws Exception {
        Path app = extracted();
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        Path cache = home.resolve("cache");
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
        bosun(app, repository.root(), environment, "init", "--template", "pair", "--agent", "script");

        long first = start(app, repository.root(), environment);
        assertThat(commandLine(first)).anyMatch(a -> a.startsWith("-XX:DumpLoadedClassList=" + cache));
        Path archive = Await.until(
                "the class data archive made in the background",
                Duration.ofMinutes(10),
                () -> archiveIn(cache.resolve("bosun")),
                found -> found != null);
        bosun(app, repository.root(), environment, "stop");

        long second = start(app, repository.root(), environment);
        assertThat(Files.readString(Path.of("/proc", Long.toString(second), "maps")))
                .as("the server maps its archive")
                .contains(archive.toString());
        bosun(app, repository.root(), environment, "stop");

        archive.toFile().setWritable(true);
        try (var file = new java.io.RandomAccessFile(archive.toFile(), "rw")) {
            file.seek(file.length() / 2);
            file.write(new byte[64 * 1024]);
        }
        long third = start(app, repository.root(), environment);
        assertThat(Files.readString(Path.of("/proc", Long.toString(third), "maps")))
                .doesNotContain(archive.toString());
        assertThat(archive).as("deleted: the next start makes a new one").doesNotExist();
        bosun(app, repository.root(), environment, "stop");
    }

    private static long start(Path app, Path repository, Map<String, String> environment) throws Exception {
        String out = bosun(app, repository, environment, "start", "--port", "0", "--json");
        return JSON.readTree(out).get("pid").asLong();
    }

    private static String bosun(Path app, Path repository, Map<String, String> environment, String... args)
            throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                app.toString(),
                "dev.bosun.BosunApplication"));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(repository.toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(repository.getParent(), "bosun-", ".out");
        builder.redirectErrorStream(true).redirectOutput(out.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES))
                .as(String.join(" ", args))
                .isTrue();
        String printed = Files.readString(out);
        assertThat(process.exitValue())
                .as("bosun " + String.join(" ", args) + ": " + printed)
                .isZero();
        return printed;
    }

    private static List<String> commandLine(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().arguments())
                .map(List::of)
                .orElse(List.of());
    }

    private static Path archiveIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The packaged jar extracted as bin/bosun runs it: {@code target/bosun-app/} when the build made it, else here. */
    private Path extracted() throws Exception {
        Path built = Path.of("target", "bosun-app");
        Path folder = home.resolve("bosun-app");
        if (!Files.isDirectory(built)) {
            Path jar;
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                jar = files.filter(f -> f.getFileName().toString().matches("bosun-.*\\.jar"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no packaged jar in target/: run mvn verify"));
            }
            Process extract = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Djarmode=tools",
                            "-jar",
                            jar.toAbsolutePath().toString(),
                            "extract",
                            "--destination",
                            folder.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("extract.out").toFile())
                    .start();
            assertThat(extract.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(extract.exitValue())
                    .as(Files.readString(home.resolve("extract.out")))
                    .isZero();
            built = folder;
        }
        Path layout = built;
        try (Stream<Path> files = Files.list(layout)) {
            return files.filter(f -> f.getFileName().toString().matches("bosun-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no jar in " + layout))
                    .toAbsolutePath();
        }
    }
}
