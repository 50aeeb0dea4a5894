package dev.bosun.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.BosunServer;
import dev.bosun.support.TestRepository;

/**
 * The packaged jar, started the way the README says ({@code java -jar target/bosun-*.jar}, a
 * relative path), merges a task with the built-in script agent. Runs in {@code verify}, after
 * {@code package}: the script agent's JVM must find its classes inside the fat jar from the
 * engineer's worktree.
 */
class FatJarIT {

    @TempDir
    Path home;

    @Test
    void thePackagedJarMergesATaskWithTheScriptAgent() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        String relativeJar = Path.of("")
                .toAbsolutePath()
                .relativize(packagedJar().toAbsolutePath())
                .toString();
        try (BosunServer server = BosunServer.start(
                BosunServer.freePort(),
                List.of("-Xmx512m", "-jar", relativeJar),
                List.of(
                        "--bosun.repository=" + repository.root(),
                        "--bosun.engineers=1",
                        "--bosun.worker.poll-interval=100ms"),
                home.resolve("server.log"))) {
            String id = server.createTask(
                    "From the jar", "```bosun-script\nwrite jar.txt <<EOF\npackaged\nEOF\ncommit from the jar\n```\n");

            server.awaitStatus(id, "merged");
            assertThat(repository.git("show", "main:jar.txt")).isEqualTo("packaged");
        }
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("bosun-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no packaged jar in target/: run mvn verify"));
        }
    }
}
