package dev.bosun.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.TestRepository;
import dev.bosun.support.TestTimeouts;

/**
 * The {@code bosun} a user runs ({@code bin/bosun}) and the one agents run
 * ({@code .bosun/bin/bosun}, written by the server) run the build's extracted layout
 * ({@code target/bosun-app/}) with the CLI's class data sharing archive, end to end against a
 * server that {@code bin/bosun start} launched from that layout too; and a client command loads
 * none of the server's classes (Spring, Camunda, JGit). Runs in {@code verify}, after
 * {@code package} wrote the layout. How fast it is, the benchmark says ({@code bin/benchmark cli}).
 */
class CliLauncherIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final Path bosun = Path.of("bin", "bosun").toAbsolutePath();
    private final Path app = Path.of("target", "bosun-app").toAbsolutePath();

    @Test
    void theUsersAndTheAgentsBosunRunTheExtractedBuildAgainstARunningServer() throws Exception {
        Path archive = app.resolve("cli.jsa");
        assertThat(archive).as("package writes the CLI's archive").isRegularFile();
        Path appJar = applicationJar();

        Run help = run(home, Map.of(), bosun.toString(), "--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("status", "task", "send", "start");

        Path repo = TestRepository.create(home.resolve("repo")).root();
        Run init = run(repo, Map.of(), bosun.toString(), "init", "--template", "pair");
        assertThat(init.exitCode()).as(init.output()).isZero();
        Run start = run(repo, Map.of(), bosun.toString(), "start", "--port", "0", "--json");
        assertThat(start.exitCode()).as(start.output()).isZero();
        try {
            long pid = JSON.readTree(Files.readString(repo.resolve(".bosun/server.json")))
                    .path("pid")
                    .asLong();
            assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).orElseThrow())
                    .as("the server runs from the extracted layout, not the fat jar")
                    .contains("-cp", appJar.toString(), "dev.bosun.BosunApplication")
                    .doesNotContain("-jar");

            Run status = run(repo, Map.of(), bosun.toString(), "status", "--json");
            assertThat(status.exitCode()).as(status.output()).isZero();
            JsonNode team = JSON.readTree(status.output());
            assertThat(team.path("team").asText()).isEqualTo("pair");

            Run added = run(repo, Map.of(), bosun.toString(), "task", "add", "--title", "from bin/bosun");
            assertThat(added.exitCode()).as(added.output()).isZero();
            assertThat(added.output()).startsWith("created task ");
            Run sent = run(repo, Map.of(), bosun.toString(), "send", "architect", "hello", "from", "bin/bosun");
            assertThat(sent.exitCode()).as(sent.output()).isZero();
            assertThat(sent.output()).startsWith("sent message ");

            Path agentsBosun = repo.resolve(".bosun/bin/bosun");
            assertThat(Files.readString(agentsBosun))
                    .as("the agents' bosun: the extracted jar with the CLI's archive")
                    .contains("'-XX:SharedArchiveFile=" + archive + "'")
                    .contains("'-cp' '" + appJar + "'")
                    .doesNotContain("PropertiesLauncher");
            Path classes = home.resolve("classes.log");
            Run agentStatus = run(
                    repo,
                    Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classes),
                    agentsBosun.toString(),
                    "status");
            assertThat(agentStatus.exitCode()).as(agentStatus.output()).isZero();
            assertThat(agentStatus.output()).contains("MEMBERS", "architect");
            List<String> loaded = Files.readAllLines(classes);
            assertThat(loaded)
                    .as("a client command loads the CLI, not the server")
                    .anyMatch(line -> line.contains(" dev.bosun.cli.StatusCommand "))
                    .noneMatch(line -> line.contains(" org.springframework."))
                    .noneMatch(line -> line.contains(" org.camunda."))
                    .noneMatch(line -> line.contains(" org.eclipse.jgit."));
            assertThat(loaded)
                    .as("and maps the CLI's classes from the archive")
                    .anyMatch(line -> line.contains(" dev.bosun.cli.BosunCli source: shared objects file"));
        } finally {
            Run stop = run(repo, Map.of(), bosun.toString(), "stop");
            assertThat(stop.exitCode()).as(stop.output()).isZero();
        }
    }

    private Path applicationJar() throws IOException {
        try (var files = Files.list(app)) {
            return files.filter(f -> f.getFileName().toString().matches("bosun-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no target/bosun-app/bosun-*.jar: run mvn verify"));
        }
    }

    private record Run(int exitCode, String output) {}

    /** Runs argv in {@code directory}, without the caller's BOSUN_* settings, with {@code environment} added. */
    private static Run run(Path directory, Map<String, String> environment, String... argv)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(argv))).directory(directory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BOSUN_"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("bosun-cli-it", ".out");
        try {
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(TestTimeouts.scaledMillis(300), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
