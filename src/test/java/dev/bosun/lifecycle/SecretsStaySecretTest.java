package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessVariables;
import dev.bosun.process.TaskPriority;
import dev.bosun.process.TextValues;
import dev.bosun.support.Await;

/**
 * A test command that prints a secret: the role's {@code SERVICE_TOKEN}, which the agent wrote into
 * the build (as a careless agent would), and its whole environment. The real lifecycle, the
 * script agent in a real PTY, the real engine on an H2 file: the secret's value appears nowhere
 * Bosun stores or sends it, from the test log to the database file's bytes.
 */
@SpringBootTest(
        properties = {
            "bosun.turn-timeout=30s",
            "bosun.test-timeout=60s",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
class SecretsStaySecretTest extends LifecycleTestSupport {

    private static final String SECRET = "svc-token-e2e-4711-do-not-leak";

    @DynamicPropertySource
    static void teamWithASecretAndATestThatPrintsIt(DynamicPropertyRegistry registry) throws IOException {
        Path root = repository().root();
        Files.createDirectories(root.resolve(".bosun"));
        Files.writeString(root.resolve(".bosun/team.yaml"), """
                name: secrets
                agent: script
                test_command: [sh, test.sh]
                max_retries: 2
                roles:
                  - name: engineer
                    role_type: engineer
                    env: {SERVICE_TOKEN: "%s", GREETING: hello}
                """.formatted(SECRET));
        Files.writeString(root.resolve("test.sh"), """
                #!/bin/sh
                env | sort
                echo "token in the build: $(cat token.txt 2>/dev/null)"
                if [ -f broken.txt ]; then echo "FAIL: broken.txt exists"; exit 1; fi
                echo PASS
                """);
        repository().git("add", "test.sh");
        repository()
                .git(
                        "-c",
                        "user.name=Test",
                        "-c",
                        "user.email=test@example.com",
                        "commit",
                        "-q",
                        "-m",
                        "a test that prints what it is given");
    }

    @Autowired
    DataSource dataSource;

    @Test
    void aPrintedSecretReachesNoLogPromptHistoryEventOrDatabaseFile() throws IOException, SQLException {
        String id = lifecycle.start(new NewTask("Use the service", """
                Use the service token.

                ```bosun-script
                attempt 1
                run sh -c "printf 'token=%s' $SERVICE_TOKEN > token.txt"
                write broken.txt <<EOF
                broken
                EOF
                commit use the token
                attempt 2+
                run git rm -q broken.txt
                commit fix the build
                ```
                """, TaskPriority.NORMAL));
        String engineer = Await.until(
                        "task " + id + " merged",
                        PATIENCE,
                        () -> tasks.find(id).orElseThrow().task(),
                        t -> "merged".equals(t.status()))
                .assignee();
        assertThat(repository.git("show", "main:token.txt"))
                .as("the agent did have the secret")
                .isEqualTo("token=" + SECRET);

        Path logs = repository.root().resolve(".bosun/logs");
        String testLog = Files.readString(logs.resolve(engineer + "-tests.log"));
        assertThat(testLog)
                .contains("token in the build: token=[redacted]", "FAIL: broken.txt exists", "PASS")
                .doesNotContain(SECRET);
        assertThat(testLog).doesNotContain("SPRING_DATASOURCE_PASSWORD", "BOSUN_ADMIN_PASSWORD", "BOSUN_API_TOKEN");
        assertThat(Files.readString(logs.resolve(engineer + ".log"))).doesNotContain(SECRET);

        List<String> prompts = values(id, ProcessVariables.PROMPT);
        assertThat(prompts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(prompts.get(1))
                .as("the fix turn's prompt")
                .contains("token in the build: token=[redacted]")
                .doesNotContain(SECRET);
        List<String> outputs = values(id, ProcessVariables.LAST_OUTPUT);
        assertThat(outputs).anySatisfy(output -> assertThat(output).contains("token=[redacted]"));
        assertThat(allHistoryTexts())
                .isNotEmpty()
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
        assertThat(Files.readString(repository.root().resolve(".bosun/events.jsonl")))
                .doesNotContain(SECRET);

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC"); // everything H2 holds is in its file now
        }
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(repository.root().resolve(".bosun/data"))) {
            List<Path> databases =
                    files.filter(f -> f.toString().endsWith(".mv.db")).toList();
            assertThat(databases).isNotEmpty();
            for (Path database : databases) {
                assertThat(indexOf(Files.readAllBytes(database), secret))
                        .as("the secret in %s", database)
                        .isEqualTo(-1);
            }
        }
    }

    /** What /engine-rest/history/detail and /history/variable-instance would show, as text. */
    private List<String> allHistoryTexts() {
        List<String> texts = new ArrayList<>();
        history.createHistoricDetailQuery().variableUpdates().list().stream()
                .map(HistoricVariableUpdate.class::cast)
                .map(u -> TextValues.read(u.getValue()))
                .filter(v -> v != null)
                .forEach(texts::add);
        history.createHistoricVariableInstanceQuery().list().stream()
                .map(HistoricVariableInstance::getValue)
                .map(TextValues::read)
                .filter(v -> v != null)
                .forEach(texts::add);
        history.createHistoricIncidentQuery().list().forEach(i -> texts.add(String.valueOf(i.getIncidentMessage())));
        return texts;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
