package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskDetails;
import dev.bosun.board.TaskStep;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;

/**
 * A team whose engineer role sets its own {@code command} in team.yaml: its turns run that argv in
 * a real PTY (the server's {@code bosun.agent.command} would fail every turn), through the real
 * engine, real git and the real test gate. The escalated-then-merged task also shows what its
 * history and failure reason look like once it is merged.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // what every command role without its own command would run: a turn that fails
            "bosun.agent.command=sh,-c,exit 3",
            "bosun.worker.poll-interval=100ms",
            "bosun.worker.lock-duration=15s"
        })
class RoleCommandLifecycleTest extends LifecycleTestSupport {

    /** Written in the guided turn's prompt by the human's retry; the agent then writes a green file. */
    private static final String GUIDANCE = "Use the word fine.";

    @LocalServerPort
    int port;

    /**
     * The role's agent reads its prompt file: the file to write is named on a {@code FILE=} line; it
     * is green when the prompt says GREEN or carries the guidance, red (the test script's marker
     * word) otherwise.
     */
    @DynamicPropertySource
    static void teamWithARoleCommand(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun/prompts"))
                .getParent();
        Files.writeString(bosun.resolve("team.yaml"), """
                name: role-commands
                agent: command
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - name: engineer
                    role_type: engineer
                    command:
                      - sh
                      - -c
                      - |
                        f=$(sed -n 's/^FILE=//p' "$1" | head -n 1)
                        if grep -q -e GREEN -e '%s' "$1"; then echo fine > "$f"; else echo BRO""KEN > "$f"; fi
                        git add "$f" && git commit -qm "role command wrote $f"
                      - sh
                      - "{prompt_file}"
                """.formatted(GUIDANCE));
    }

    @Test
    void aTaskIsMergedByTheRolesOwnCommand() {
        String id = start("Green by the role's command", "GREEN\nFILE=green.txt\n");

        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:green.txt")).isEqualTo("fine");
        assertThat(repository.git("log", "--format=%s", "main")).contains("role command wrote green.txt");
    }

    @Test
    void anEscalatedTaskMergedAfterARetryShowsItsResolvedStepNamesAndNoFailureReason() throws IOException {
        String title = "Needs the word";
        String id = start(title, "FILE=word.txt\n");

        awaitStatus(id, "escalated");
        assertThat(tasks.find(id).orElseThrow().failureReason())
                .as("while escalated, the reason is the red test run")
                .contains("exit code 1");
        userTasks.complete(
                escalation(id).getId(),
                Map.of(ProcessVariables.DECISION, "retry", ProcessVariables.GUIDANCE, GUIDANCE));
        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:word.txt")).isEqualTo("fine");

        TaskDetails merged = tasks.find(id).orElseThrow();
        assertThat(merged.failureReason())
                .as("a merged task has no failure; its history keeps the escalation")
                .isNull();
        assertThat(merged.history())
                .filteredOn(step -> step.activityId().equals(ProcessIds.USER_TASK_ESCALATION))
                .singleElement()
                .extracting(TaskStep::name)
                .isEqualTo("Escalation: " + title);
        String shown = cli(port, 0, "task", "show", id);
        assertThat(shown).contains("Escalation: " + title).doesNotContain("${").doesNotContain("reason:");
        JsonNode api = new ObjectMapper().readTree(cli(port, 0, "task", "show", id, "--json"));
        assertThat(api.path("failureReason").isNull()
                        || api.path("failureReason").isMissingNode())
                .as(api.toString())
                .isTrue();
        assertThat(api.path("history").toString())
                .contains("Escalation: " + title)
                .doesNotContain("${");
    }
}
