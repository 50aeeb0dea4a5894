package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskSummary;
import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessVariables;
import dev.bosun.process.TaskPriority;
import dev.bosun.process.TextValues;
import dev.bosun.support.Await;
import dev.bosun.team.Team;

/**
 * A task naming manager-2 in a team with two managers, all script agents in real PTYs and the
 * workers on: manager-1's engineer, first in the roster and idle, never takes it; manager-2's
 * engineer does, its red run goes to manager-2's review, and the guided round is merged.
 */
@SpringBootTest(properties = "bosun.worker.poll-interval=100ms")
class NamedManagerTest extends LifecycleTestSupport {

    private static final String MARKER = "BRO" + "KEN";

    @DynamicPropertySource
    static void teamWithTwoManagers(DynamicPropertyRegistry registry) throws IOException {
        Path prompts = Files.createDirectories(repository().root().resolve(".bosun/prompts"));
        Files.writeString(prompts.resolve("manager.md"), """
                # Manager

                ```bosun-script
                run git log --format=reviewed:%s -1
                say Guidance: write the word fine instead.
                ```
                """);
        Files.writeString(prompts.resolveSibling("team.yaml"), """
                name: two-managers
                agent: script
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - {name: architect, role_type: architect}
                  - {name: manager, role_type: manager, instances: 2, prompt: manager.md}
                  - {name: engineer, role_type: engineer}
                """);
    }

    @Test
    void onlyManager2sEngineerWorksOnItAndManager2Reviews() throws IOException {
        String id = lifecycle.start(new NewTask(
                "For manager-2",
                script(
                        "attempt 1",
                        "write note.txt <<EOF",
                        MARKER,
                        "EOF",
                        "commit red",
                        "attempt 2",
                        "write note.txt <<EOF",
                        "fine",
                        "EOF",
                        "commit follow the manager"),
                TaskPriority.NORMAL,
                List.of(),
                Team.HUMAN,
                "manager-2"));

        TaskSummary done = Await.until(
                "task " + id + " to finish",
                Duration.ofMinutes(3),
                () -> tasks.find(id).orElseThrow().task(),
                t -> List.of("merged", "escalated", "abandoned").contains(t.status()));

        assertThat(done.status()).isEqualTo("merged");
        assertThat(done.assignee()).isEqualTo("eng-2-1");
        assertThat(tasks.find(id).orElseThrow().manager()).isEqualTo("manager-2");
        assertThat(TextValues.read(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instanceOf(id))
                        .variableName(ProcessVariables.REVIEWED_BY)
                        .singleResult()
                        .getValue()))
                .isEqualTo("manager-2");
        assertThat(Files.readString(repository().root().resolve(".bosun/logs/manager-2.log")))
                .contains("reviewed:red");
        assertThat(repository().root().resolve(".bosun/logs/manager-1.log")).doesNotExist();
        assertThat(repository().root().resolve(".bosun/logs/eng-1-1.log"))
                .as("manager-1's engineer never worked on it")
                .doesNotExist();
    }
}
