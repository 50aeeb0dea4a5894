package dev.bosun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CLI round trip: {@code bosun status}, {@code bosun task add} and {@code bosun send} against a
 * running server (started with {@code bin/bosun start} in a temporary repository with the
 * {@code pair} team), each through {@code bin/bosun}, the command a user puts on PATH. Baselines
 * in the same run, round by round so that a busy moment slows all alike: the same REST call with
 * curl, {@code java -version} (a JVM that does nothing), and the way before {@code bin/bosun},
 * {@code java -jar target/bosun-*.jar status} (Spring Boot's nested-jar loader, no class data
 * archive; fewer rounds: it took seconds).
 */
final class CliBenchmark implements BenchmarkSection {

    static final int ROUNDS = 20;
    static final int FAT_JAR_ROUNDS = 5;
    static final double GOAL_MILLIS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "cli";
    }

    @Override
    public List<Figure> run(BenchmarkWorkspace workspace) throws Exception {
        Path repo = workspace.repository("cli", "pair");
        String bosun = workspace.bosun().toString();
        JsonNode server = JSON.readTree(workspace
                // Workers off: the tasks the rounds add are not worked on, so the figures are the
                // CLI's and the API's, not those of agent turns sharing the 2 cores.
                .run(repo, Map.of(), bosun, "start", "--port", "0", "--json", "--", "--bosun.worker.enabled=false")
                .orFail()
                .out());
        try {
            return measure(workspace, repo, bosun, server.path("url").asText());
        } finally {
            workspace.run(repo, Map.of(), bosun, "stop").orFail();
        }
    }

    private List<Figure> measure(BenchmarkWorkspace workspace, Path repo, String bosun, String url) throws Exception {
        String token =
                Files.readString(repo.resolve(".bosun/secrets/api-token")).strip();
        String fatJar = fatJar(workspace.project()).toString();
        Samples status = new Samples();
        Samples add = new Samples();
        Samples send = new Samples();
        Samples curlStatus = new Samples();
        Samples curlAdd = new Samples();
        Samples curlSend = new Samples();
        Samples javaVersion = new Samples();
        Samples before = new Samples();
        // one unmeasured round: the page cache holds the jars, the server has served each call once
        for (int round = -1; round < ROUNDS; round++) {
            String title = "cli benchmark " + round;
            List<Timed> calls = List.of(
                    new Timed(status, bosun, "status"),
                    new Timed(curlStatus, curl(token, url + "/api/status", null)),
                    new Timed(add, bosun, "task", "add", "--title", title),
                    new Timed(
                            curlAdd,
                            curl(
                                    token,
                                    url + "/api/tasks",
                                    JSON.writeValueAsString(Map.of("title", title + " (curl)", "createdBy", "human")))),
                    new Timed(send, bosun, "send", "architect", "message " + round),
                    new Timed(
                            curlSend,
                            curl(
                                    token,
                                    url + "/api/messages",
                                    JSON.writeValueAsString(Map.of(
                                            "from", "human", "to", "architect", "body", "curl message " + round)))),
                    new Timed(javaVersion, "java", "-version"));
            for (Timed call : calls) {
                BenchmarkWorkspace.Result result =
                        workspace.run(repo, Map.of(), call.argv()).orFail();
                if (round >= 0) {
                    call.samples().add(result.millis());
                }
            }
            if (round >= 0 && round < FAT_JAR_ROUNDS) {
                before.add(workspace
                        .run(repo, Map.of(), "java", "-jar", fatJar, "status")
                        .orFail()
                        .millis());
            }
        }
        String baselines = String.format(
                Locale.ROOT,
                "java -version median %s ms; java -jar of the fat jar median %s ms",
                Figure.number(javaVersion.median()),
                Figure.number(before.median()));
        List<Figure> figures = new ArrayList<>();
        figures.addAll(command("bosun status", status, curlStatus, baselines));
        figures.addAll(command("bosun task add", add, curlAdd, baselines));
        figures.addAll(command("bosun send", send, curlSend, baselines));
        figures.add(new Figure(
                "java -jar target/bosun-*.jar status, median of " + before.size(),
                Figure.number(before.median()) + " ms (p95 " + Figure.number(before.percentile(95)) + " ms)",
                "baseline",
                "the fat jar: Spring Boot's nested-jar loader, no class data archive"));
        return figures;
    }

    private static List<Figure> command(String what, Samples bosun, Samples curl, String baselines) {
        String detail = String.format(
                Locale.ROOT,
                "curl median %s ms, p95 %s ms; %s",
                Figure.number(curl.median()),
                Figure.number(curl.percentile(95)),
                baselines);
        return List.of(
                Figure.atMost(what + ", median of " + bosun.size(), bosun.median(), GOAL_MILLIS, "ms", detail),
                Figure.atMost(what + ", p95 of " + bosun.size(), bosun.percentile(95), GOAL_MILLIS, "ms", ""));
    }

    /** The curl argv of one REST call: GET, or POST of {@code json} when it is not null. */
    private static String[] curl(String token, String url, String json) {
        List<String> argv = new ArrayList<>(
                List.of("curl", "-sS", "--fail", "-o", "/dev/null", "-H", "Authorization: Bearer " + token));
        if (json != null) {
            argv.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", json));
        }
        argv.add(url);
        return argv.toArray(String[]::new);
    }

    private static Path fatJar(Path project) throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("bosun-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/bosun-*.jar: run ./mvnw package"));
        }
    }

    /** One timed command and where its time goes. */
    private record Timed(Samples samples, String... argv) {}
}
