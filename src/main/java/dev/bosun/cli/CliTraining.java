package dev.bosun.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training run of the CLI's class data sharing archive ({@code target/bosun-app/cli.jsa}),
 * run once by {@code ./mvnw package} with {@code -XX:ArchiveClassesAtExit}: it runs the commands
 * agents and people run most, against a port where nothing listens, so the classes they load
 * (picocli's model of the commands, Jackson, the HTTP client) are in the archive and a real
 * {@code bosun status} maps them instead of loading them from jars. Output and failures are
 * expected and discarded.
 */
public final class CliTraining {

    /** A port nothing listens on: the commands fail fast with "no Bosun server answers". */
    static final String NOWHERE = "http://127.0.0.1:1";

    private CliTraining() {}

    public static void main(String[] args) {
        List<List<String>> runs = List.of(
                List.of("--help"),
                List.of("status", "--url", NOWHERE),
                List.of("status", "--json", "--url", NOWHERE),
                List.of("task", "add", "--title", "training", "--url", NOWHERE),
                List.of("send", "--url", NOWHERE, "eng-1", "training"),
                List.of("task", "list", "--url", NOWHERE),
                List.of("inbox", "--url", NOWHERE),
                List.of("no-such-command"));
        PrintWriter sink = new PrintWriter(new StringWriter());
        Path nowhere = Path.of(System.getProperty("java.io.tmpdir"));
        for (List<String> run : runs) {
            BosunCli.run(run.toArray(String[]::new), nowhere, Map.of(), sink, sink);
        }
    }
}
