package dev.bosun.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java dev.bosun.BosunApplication args...} from this build's classes in a JVM of its own, as
 * {@code java -jar} and {@code bosun} run it: for what happens before and instead of a server start
 * (usage, refusals), which an in-process Spring test cannot show (exit code, printed output).
 */
public final class MainInItsOwnJvm {

    private MainInItsOwnJvm() {}

    public record Run(int exitCode, String output) {}

    /**
     * Runs it in {@code directory} with this JVM's environment plus {@code environment}, its output
     * in a file under {@code logs}; fails when it has not exited within 3 minutes.
     */
    public static Run run(Path directory, Path logs, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.bosun.BosunApplication"));
        argv.addAll(List.of(args));
        Path output = Files.createTempFile(logs, "main", ".log");
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Duration limit = TestTimeouts.scaled(Duration.ofMinutes(3));
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("BosunApplication did not exit within " + limit + ": "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
