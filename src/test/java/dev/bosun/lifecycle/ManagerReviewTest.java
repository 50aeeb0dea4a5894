package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskReadModel;
import dev.bosun.board.TaskSummary;
import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessVariables;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.process.TextValues;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/**
 * A team with a manager, all script agents in real PTYs: the engineer's three attempts stay red,
 * its manager gets one review turn in the engineer's worktree, the answer reaches the engineer
 * as guidance, and the fourth attempt is merged without a human.
 */
@SpringBootTest(properties = "bosun.worker.poll-interval=100ms")
class ManagerReviewTest extends RepositoryBackedTest {

    private static final String MARKER = "BRO" + "KEN";

    @DynamicPropertySource
    static void teamWithAManager(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun/prompts"));
        Files.writeString(bosun.resolve("manager.md"), """
                # Manager

                ```bosun-script
                run git log --format=reviewed:%s -1
                say Guidance: drop the marker line and write the word fine instead.
                ```
                """);
        Files.writeString(bosun.resolveSibling("team.yaml"), """
                name: reviewed
                agent: script
                test_command: [sh, test.sh]
                max_retries: 2
                roles:
                  - {name: architect, role_type: architect}
                  - {name: manager, role_type: manager, prompt: manager.md}
                  - {name: engineer, role_type: engineer}
                """);
    }

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    HistoryService history;

    @Test
    void theManagersGuidanceRescuesATaskBeforeAHumanIsAsked() throws IOException {
        String id = lifecycle.start(new NewTask("Stubborn", """
                ```bosun-script
                attempt 1
                write note.txt <<EOF
                %1$s 1
                EOF
                commit first try
                attempt 2
                append note.txt <<EOF
                %1$s 2
                EOF
                commit second try
                attempt 3
                append note.txt <<EOF
                %1$s 3
                EOF
                commit third try
                attempt 4
                write note.txt <<EOF
                fine
                EOF
                commit follow the manager
                ```
                """.formatted(MARKER), TaskPriority.NORMAL));

        TaskSummary done = Await.until(
                "task " + id + " to finish",
                Duration.ofMinutes(3),
                () -> tasks.find(id).orElseThrow().task(),
                t -> List.of("merged", "escalated", "abandoned").contains(t.status()));

        assertThat(done.status()).isEqualTo("merged");
        assertThat(done.assignee()).isEqualTo("eng-1-1");
        assertThat(done.attempts()).isEqualTo(4);
        assertThat(repository().git("show", "main:note.txt")).isEqualTo("fine");
        String guidance = TextValues.read(history.createHistoricVariableInstanceQuery()
                .variableName(ProcessVariables.GUIDANCE)
                .singleResult()
                .getValue());
        assertThat(guidance).contains("Guidance: drop the marker line");
        assertThat(Files.readString(repository().root().resolve(".bosun/logs/manager.log")))
                .as("the manager read the engineer's branch in its worktree")
                .contains("reviewed:third try");
        List<String> events = Files.readAllLines(repository().root().resolve(".bosun/events.jsonl"));
        assertThat(events)
                .filteredOn(l -> l.contains("\"event\":\"task_reviewed\""))
                .singleElement()
                .asString()
                .contains("\"from\":\"manager\"")
                .contains("\"member\":\"eng-1-1\"")
                .contains("drop the marker line");
        assertThat(events).noneMatch(l -> l.contains("\"event\":\"task_escalated\""));
    }
}
