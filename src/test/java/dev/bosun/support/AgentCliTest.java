package dev.bosun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.agent.TaskPrompts;

/**
 * Base of the tests that run a real agent CLI (npm-installed) as a team's engineer {@code dev},
 * pointed through its role's {@code env} at a {@link ScriptedModelServer}. The role's prompt
 * file starts with YAML front matter, so every prompt starts with {@code ---}, which a CLI must
 * not read as an option.
 *
 * <p>A subclass names its binary with {@link AgentCli} and declares its model with
 * {@link #scriptedModel} in a static {@code @RegisterExtension} field. It runs when {@value #AGENT_CLIS} names
 * the folder the CLIs were installed into ({@code .ci/run} does that), and is otherwise reported
 * as skipped with the reason (an assumption failing in {@code @BeforeAll} would leave the class
 * out of the report silently).
 */
@ExtendWith(AgentCliTest.Installed.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bosun.worker.poll-interval=100ms")
public abstract class AgentCliTest extends RepositoryBackedTest {

    public static final String AGENT_CLIS = "BOSUN_TEST_AGENT_CLIS";
    public static final String ENGINEER = "dev";
    public static final String ROLE_PROMPT = """
            ---
            role: engineer
            ---
            You are an engineer of this team. Keep commits small.
            """;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The CLI a test class runs: {@code node_modules/.bin/<binary>}, from the npm package given. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    public @interface AgentCli {
        String binary();

        String npmPackage();
    }

    /** Skips the class when its CLI is not where {@value #AGENT_CLIS} says. */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            AgentCli cli = context.getTestClass()
                    .flatMap(c -> AnnotationSupport.findAnnotation(c, AgentCli.class))
                    .orElse(null);
            if (cli == null) {
                return ConditionEvaluationResult.enabled("not an agent CLI test");
            }
            String clis = System.getenv(AGENT_CLIS);
            if (clis == null || clis.isBlank()) {
                return ConditionEvaluationResult.disabled(AGENT_CLIS + " is not set: it names the folder that holds "
                        + "node_modules/.bin/" + cli.binary() + " (npm install --prefix DIR " + cli.npmPackage()
                        + "; .ci/run does this)");
            }
            Path binary = binFolder(clis).resolve(cli.binary());
            return Files.isExecutable(binary)
                    ? ConditionEvaluationResult.enabled(cli.binary() + " at " + binary)
                    : ConditionEvaluationResult.disabled("no " + cli.binary() + " at " + binary + " (" + AGENT_CLIS
                            + "=" + clis + "); install it with npm install --prefix " + clis + " " + cli.npmPackage());
        }
    }

    /**
     * The scripted model's lifecycle, the same for every CLI: before the class (and so before
     * Spring starts Bosun) it starts the model and writes the team whose engineer runs the CLI
     * with its environment plus the CLIs' {@code PATH}; after the class it stops the model. Not
     * reached when {@link Installed} skips the class.
     */
    public static final class ScriptedModel<M extends ScriptedModelServer>
            implements BeforeAllCallback, AfterAllCallback {
        private final String kind;
        private final String modelName;
        private final int maxRetries;
        private final Supplier<M> start;
        private final Function<M, Map<String, String>> environment;
        private String teamSettings = "";
        private M model;

        private ScriptedModel(
                String kind,
                String modelName,
                int maxRetries,
                Supplier<M> start,
                Function<M, Map<String, String>> environment) {
            this.kind = kind;
            this.modelName = modelName;
            this.maxRetries = maxRetries;
            this.start = start;
            this.environment = environment;
        }

        /** Top-level team.yaml lines to add (e.g. a {@code budget:} block), each ending in a newline. */
        public ScriptedModel<M> withTeamSettings(String yaml) {
            this.teamSettings = yaml;
            return this;
        }

        /** The running model, to read what the CLI sent it. */
        public M get() {
            if (model == null) {
                throw new IllegalStateException(
                        "the scripted model for " + kind + " runs only while its test class does");
            }
            return model;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            model = start.get();
            Map<String, String> env = new TreeMap<>(environment.apply(model));
            env.put("PATH", pathWithClis());
            writeTeam(kind, modelName, maxRetries, teamSettings, env);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }

    /**
     * What a real-CLI test states about its CLI: the agent {@code kind} and {@code model} of the
     * engineer, its {@code max_retries}, how to start the scripted model, and the environment the
     * CLI needs to reach the running model ({@code PATH} is added; files go under {@link #home}).
     */
    protected static <M extends ScriptedModelServer> ScriptedModel<M> scriptedModel(
            String kind,
            String model,
            int maxRetries,
            Supplier<M> start,
            Function<M, Map<String, String>> environment) {
        return new ScriptedModel<>(kind, model, maxRetries, start, environment);
    }

    private static Path binFolder(String clis) {
        return Path.of(clis, "node_modules", ".bin");
    }

    /** PATH for the role: the CLIs' folder first, then this JVM's PATH. */
    private static String pathWithClis() {
        return binFolder(System.getenv(AGENT_CLIS)) + File.pathSeparator + System.getenv("PATH");
    }

    /**
     * The shell command a scripted model has the CLI run: writes and commits {@code <name>.txt}
     * saying {@code hello from <name>}; its last part prints where {@code bosun} is, showing
     * whether Bosun's CLI is on the PATH of the agent's shell.
     */
    protected static String helloCommand(String name) {
        return "printf 'hello from " + name + "\\n' > " + name + ".txt && git add " + name + ".txt"
                + " && git commit -q -m 'add " + name + ".txt' && command -v bosun";
    }

    /**
     * Writes the role prompt and a team of an architect and the engineer {@value #ENGINEER} running
     * {@code kind}, with {@code env} for the engineer's agent. With {@code maxRetries} 0 a turn
     * that goes wrong escalates at once, so a failure shows in seconds.
     */
    private static void writeTeam(
            String kind, String model, int maxRetries, String teamSettings, Map<String, String> env) {
        try {
            Path bosun = Files.createDirectories(repository().root().resolve(".bosun/prompts"))
                    .getParent();
            Files.writeString(bosun.resolve("prompts/engineer.md"), ROLE_PROMPT);
            StringBuilder envYaml = new StringBuilder();
            for (Map.Entry<String, String> variable : env.entrySet()) {
                envYaml.append("      ")
                        .append(variable.getKey())
                        .append(": ")
                        .append(JSON.writeValueAsString(variable.getValue()))
                        .append('\n');
            }
            Files.writeString(
                    bosun.resolve("team.yaml"),
                    """
                    name: %1$s-team
                    agent: script
                    test_command: [sh, test.sh]
                    max_retries: %2$d
                    %5$sroles:
                      - name: architect
                        role_type: architect
                      - name: %3$s
                        role_type: engineer
                        agent: %1$s
                        model: %4$s
                        prompt: engineer.md
                        env:
                    """.formatted(kind, maxRetries, ENGINEER, JSON.writeValueAsString(model), teamSettings) + envYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Adds a task through the REST API; returns its id. */
    protected String addTask(String title, String body) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("title", title, "body", body))))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("id").asText();
    }

    /** Waits until the task is merged, escalated or abandoned; returns its details. */
    protected JsonNode awaitFinished(String id) {
        return Await.until(
                "task " + id + " to finish",
                PATIENCE,
                () -> read(send(HttpRequest.newBuilder(uri("/api/tasks/" + id)).build())
                        .body()),
                t -> List.of("merged", "escalated", "abandoned")
                        .contains(t.path("task").path("status").asText()));
    }

    /** The task merged, by {@value #ENGINEER}, with {@code <name>.txt} on trunk written by {@link #helloCommand}. */
    protected void assertHelloMerged(JsonNode task, String name) {
        assertThat(task.path("task").path("status").asText())
                .as("%s%nthe member's terminal:%n%s", task, terminal())
                .isEqualTo("merged");
        assertThat(task.path("task").path("assignee").asText()).isEqualTo(ENGINEER);
        assertThat(repository().git("show", "main:" + name + ".txt")).isEqualTo("hello from " + name);
        assertThat(repository().git("log", "-1", "--format=%an <%ae>|%cn|%s", "main", "--", name + ".txt"))
                .isEqualTo(ENGINEER + " <" + ENGINEER + "@bosun.local>|" + ENGINEER + "|add " + name + ".txt");
    }

    /** The first turn's prompt as Bosun builds it: the role prompt, then the task. */
    protected static String firstTurnPrompt(String id, String title, String body) {
        return ROLE_PROMPT.strip() + "\n\n---\n\n" + TaskPrompts.firstTurn(id, title, body);
    }

    /** Where the engineer's shell found {@code bosun}: this repository's launcher. */
    protected String bosunLauncher() {
        return repository().root().resolve(".bosun/bin/bosun").toString();
    }

    /** The engineer's terminal log with colour and cursor escapes removed. */
    protected String terminal() {
        try {
            Path log = repository().root().resolve(".bosun/logs/" + ENGINEER + ".log");
            return Files.exists(log) ? Files.readString(log).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "") : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(
                    HttpRequest.newBuilder(request, (name, value) -> true)
                            .header(
                                    "Authorization",
                                    ApiTokens.bearer(repository().root()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
