package dev.bosun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.TestRepository;
import dev.bosun.support.TestTimeouts;

/**
 * One jar: only {@code --property=value} arguments start the server; anything else, no arguments
 * included, is the command line. The server refuses a {@code bosun.repository} that is missing or
 * not a git repository, before it writes anything. The main class runs as its own JVM here, as
 * {@code java -jar} and {@code bosun} run it.
 */
class BosunApplicationTest {

    @TempDir
    Path temp;

    @Test
    void onlyPropertyArgumentsAreTheServer() {
        assertThat(BosunApplication.isCommandLine(new String[] {"validate"})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {"--help"})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {"-V"})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {"--port"})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {"--url=http://x", "status"}))
                .isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {"--server.port=9000", "--bosun.engineers=3"}))
                .isFalse();
        assertThat(BosunApplication.isCommandLine(new String[] {"--spring.profiles.active=demo"}))
                .isFalse();
    }

    @Test
    void noArgumentsPrintTheUsageAndStartNothing() throws Exception {
        Path repo = TestRepository.create(temp.resolve("repo")).root();

        Run bare = main(repo);

        assertThat(bare.exitCode()).as(bare.output()).isEqualTo(2);
        assertThat(bare.output())
                .startsWith("bosun: missing command; bosun start starts the server")
                .contains("Usage: bosun ", "start ")
                .doesNotContain("Spring", "Exception");
        assertThat(repo.resolve(".bosun")).doesNotExist();
    }

    @Test
    void theServerRefusesAFolderThatDoesNotExistAndDoesNotCreateIt() throws Exception {
        Path missing = temp.resolve("no-such-repo");

        Run server = main(temp, "--bosun.repository=" + missing, "--server.port=0");

        assertRefused(server, "bosun.repository " + missing + " does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void theServerRefusesAFolderThatIsNotAGitRepositoryAndWritesNothingThere() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));

        Run server = main(temp, "--bosun.repository=" + plain, "--server.port=0");

        assertRefused(server, "bosun.repository " + plain + " is not a git repository");
        assertThat(plain).isEmptyDirectory();
    }

    @Test
    void aFileIsNotARepositoryAndAWorktreesGitFileIs() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThat(RepositoryFolderCheck.problem(file)).isEqualTo("is not a folder");

        Path worktree = Files.createDirectories(temp.resolve("worktree"));
        Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/w\n");
        assertThat(RepositoryFolderCheck.problem(worktree)).isNull();
    }

    private static void assertRefused(Run server, String line) {
        assertThat(server.exitCode()).as(server.output()).isNotZero();
        assertThat(server.output())
                .contains("APPLICATION FAILED TO START", line)
                .as("no stack trace, the description is the message")
                .doesNotContain("\tat org.springframework");
    }

    record Run(int exitCode, String output) {}

    /** {@code java dev.bosun.BosunApplication args...} from this build's classes, in {@code directory}. */
    private Run main(Path directory, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                BosunApplication.class.getName()));
        argv.addAll(List.of(args));
        Path output = Files.createTempFile(temp, "main", ".log");
        Process process = new ProcessBuilder(argv)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(TestTimeouts.scaledMillis(180), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "BosunApplication did not exit within " + TestTimeouts.scaled(Duration.ofMinutes(3)) + ": "
                            + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
