package dev.bosun.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.jgit.api.Git;

import dev.bosun.ServerFile;
import dev.bosun.security.SecretsFolder;

/**
 * The training run of the CLI's class data sharing archive ({@code target/bosun-app/cli.jsa}),
 * run once by {@code ./mvnw package} with {@code -XX:DumpLoadedClassList} (the classes the archive holds): it runs the commands
 * agents and people run most, in a scratch git repository (one commit; its team file from the
 * training's own bosun init) whose {@code server.json} names a stand-in
 * server on a free local port that answers them as Bosun would (canned JSON), so the classes
 * those commands load (picocli's model, Jackson, the HTTP client, the output) are in the archive
 * and a real {@code bosun status} maps them instead of loading them from jars. Its output is
 * discarded; a command that fails here only leaves some classes out of the archive.
 */
public final class CliTraining {

    private static final String STATUS = """
            {"team":"training","members":[
              {"name":"architect","role":"architect","roleType":"architect","reportsTo":null,"state":"idle",
               "task":null,"taskStatus":null,"lastOutput":null},
              {"name":"engineer","role":"engineer","roleType":"engineer","reportsTo":"architect","state":"working",
               "task":"1","taskStatus":"in-progress","lastOutput":"ok"}],
             "tasks":{"todo":[],"in-progress":[{"id":"1","title":"training","priority":"normal","status":"in-progress",
               "assignee":"engineer","attempts":1,"branch":"engineer/1","mergedCommit":null,"reason":null,
               "dependsOn":[],"plan":null}]},
             "mergeLockHolder":null,"usage":{}}
            """;

    private CliTraining() {}

    public static void main(String[] args) throws Exception {
        // the entry point bin/bosun runs, so it is in the archive too (no Spring: it only dispatches)
        Class.forName("dev.bosun.BosunApplication");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", CliTraining::answer);
        server.start();
        Path repository = Files.createTempDirectory("bosun-cli-training");
        try {
            // a real repository with a commit: validate (as bosun start does first) reads its trunk with JGit
            try (Git git = Git.init()
                    .setDirectory(repository.toFile())
                    .setInitialBranch("main")
                    .call()) {
                git.commit()
                        .setMessage("training")
                        .setAllowEmpty(true)
                        .setSign(false)
                        .setAuthor("training", "training@localhost")
                        .setCommitter("training", "training@localhost")
                        .call();
            }
            Path token = SecretsFolder.of(repository).file(SecretsFolder.API_TOKEN);
            Files.createDirectories(token.getParent());
            Files.writeString(token, "training");
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            ServerFile.write(
                    ServerFile.path(repository),
                    new ServerFile.Contents(
                            ProcessHandle.current().pid(),
                            url,
                            repository.toString(),
                            Instant.now().toString()));
            List<List<String>> runs = List.of(
                    List.of("init", "--template", "pair"),
                    List.of("validate"),
                    List.of("--help"),
                    List.of("status"),
                    List.of("status", "--json"),
                    List.of("task", "add", "--title", "training"),
                    List.of("send", "architect", "training"),
                    List.of("task", "list"),
                    List.of("inbox"),
                    List.of("status", "--url", "http://127.0.0.1:1"),
                    List.of("no-such-command"));
            PrintWriter sink = new PrintWriter(new StringWriter());
            for (List<String> run : runs) {
                BosunCli.run(run.toArray(String[]::new), repository, Map.of("USER", "training"), sink, sink);
            }
        } finally {
            server.stop(0);
            delete(repository);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        int status = 200;
        String body;
        if (path.equals("/api/status")) {
            body = STATUS;
        } else if (path.equals("/api/tasks") && exchange.getRequestMethod().equals("POST")) {
            body = "{\"id\":\"2\",\"held\":false}";
        } else if (path.equals("/api/messages") && exchange.getRequestMethod().equals("POST")) {
            body = "{\"id\":\"1\"}";
        } else {
            status = 404;
            body = "{\"error\":\"not in the training\",\"field\":null}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
