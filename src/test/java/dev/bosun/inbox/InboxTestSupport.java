package dev.bosun.inbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.bosun.cli.BosunCli;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.TestRepository;

/** A running Bosun as the inbox tests see it: its REST API, its CLI, and the files it writes. */
final class InboxTestSupport {

    /** A team with one role of each kind that talks, and two engineers (eng-1-1, eng-1-2) under the manager. */
    static final String TEAM = """
            name: inbox
            agent: script
            test_command: [sh, test.sh]
            roles:
              - {name: architect, role_type: architect}
              - {name: manager, role_type: manager}
              - {name: engineer, role_type: engineer, instances: 2}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String body) {
        Map<String, Object> json() {
            return parse(body, new TypeReference<>() {});
        }

        List<Map<String, Object>> list() {
            return parse(body, new TypeReference<>() {});
        }
    }

    record Run(int exitCode, String out, String err) {}

    private final Path repository;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    InboxTestSupport(Path repository, int port) {
        this.repository = repository;
        this.url = "http://127.0.0.1:" + port;
    }

    /**
     * For a {@code @DynamicPropertySource}: a fresh repository in {@code home} with {@link #TEAM},
     * which the application context under test then runs on.
     */
    static TestRepository repositoryWithTeam(Path home, DynamicPropertyRegistry registry) {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        writeTeam(repository.root(), TEAM);
        registry.add("bosun.repository", () -> repository.root().toString());
        return repository;
    }

    static void writeTeam(Path repository, String yaml) {
        try {
            Files.createDirectories(repository.resolve(".bosun"));
            Files.writeString(repository.resolve(".bosun/team.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message body whose bosun-script block the script agent runs when the message is its turn's first. */
    static String script(String... steps) {
        return "Please do this:\n\n```bosun-script\n" + String.join("\n", steps) + "\n```\n";
    }

    Response post(String path, String json) {
        return postAs(ApiTokens.person(repository), path, json);
    }

    /** POST with the token of {@code from}: the person's for {@code human}, else that member's agent token. */
    Response send(String from, String to, String body) {
        String token = "human".equals(from) ? ApiTokens.person(repository) : ApiTokens.agent(repository, from);
        return postAs(
                token,
                "/api/messages",
                JSON.valueToTree(Map.of("to", to, "body", body)).toString());
    }

    private Response postAs(String token, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", ApiTokens.bearer(repository))
                .GET()
                .build());
    }

    Map<String, Object> message(long id) {
        return get("/api/messages/" + id).json();
    }

    List<Map<String, Object>> messages() {
        return get("/api/messages").list();
    }

    Run bosun(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> withUrl = new java.util.HashMap<>(env);
        withUrl.put("BOSUN_URL", url);
        if (env.containsKey("BOSUN_MEMBER") && !env.containsKey("BOSUN_TOKEN")) {
            // as inside that member's turn, which has both
            withUrl.put("BOSUN_TOKEN", ApiTokens.agent(repository, env.get("BOSUN_MEMBER")));
        }
        int code = BosunCli.run(args, repository, withUrl, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** The member's terminal log, or "" before its first turn. */
    String log(String member) {
        return read(repository.resolve(".bosun/logs/" + member + ".log"));
    }

    List<Map<String, Object>> events() {
        return read(repository.resolve(".bosun/events.jsonl"))
                .lines()
                .map(line -> parse(line, new TypeReference<Map<String, Object>>() {}))
                .toList();
    }

    /** The events about one message, in file order: {@code message_sent}, then one {@code message_delivered} per delivery. */
    List<Map<String, Object>> eventsOf(long messageId) {
        return events().stream()
                .filter(e -> e.get("message") instanceof Number n && n.longValue() == messageId)
                .toList();
    }

    static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("not the JSON expected: " + json, e);
        }
    }
}
