package dev.bosun.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.process.NewPlan;
import dev.bosun.process.NewTask;
import dev.bosun.process.Plans;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.WorkerStandIn;

/**
 * The plans on the board as the engine has them: {@code .bosun/board.md} is re-rendered after plan
 * steps (a plan created, its tasks started, a plan cancelled), with the plans the read model finds.
 * The workers are off, so the plan's tasks stay todo and the test plays the architect's turn.
 */
@SpringBootTest(properties = "bosun.worker.enabled=false")
class BoardPlansEngineTest extends RepositoryBackedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ARCHITECT = "architect";

    @Autowired
    Plans plans;

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    BoardFile board;

    @Autowired
    TaskLifecycle lifecycle;

    @DynamicPropertySource
    static void teamWithAnArchitect(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        Files.writeString(bosun.resolve("team.yaml"), """
                name: planners
                agent: script
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - {name: architect, role_type: architect}
                  - {name: engineer, role_type: engineer}
                """);
    }

    @Test
    void theBoardShowsARunningPlanWithItsTasksAndACancelledOneAfterIt() {
        String greetings = plans.start(new NewPlan("Greet the world", "Greetings", false, "human"));
        Await.until(
                "the board to show plan " + greetings + " planning",
                PATIENCE,
                this::boardFile,
                b -> b.contains("### Plan " + greetings + ": Greetings [planning]\n_no task started yet_\n"));

        String alpha = plans.hold(greetings, task("Alpha"), ARCHITECT);
        String beta = plans.hold(greetings, task("Beta", alpha), ARCHITECT);
        new WorkerStandIn(externalTasks).complete(greetings, ProcessIds.TOPIC_PLAN_TURN, Map.of());
        String dropped = plans.start(new NewPlan("Never mind", "Dropped", false, "human"));
        plans.cancel(dropped, "human");

        String expected = "## PLANS\n\n"
                + "### Plan " + greetings + ": Greetings [running] 0/2 merged\n"
                + "- #" + alpha + " Alpha [todo] (unassigned)\n"
                + "- #" + beta + " Beta [todo] (unassigned) after #" + alpha + "\n\n"
                + "### Plan " + dropped + ": Dropped [cancelled]\n"
                + "_no task started yet_\n\n"
                + "## TODO\n";
        // Another test's tasks may stand in TODO too (one engine for the class): the plan's lines are looked for.
        List<String> todo = List.of(
                "- [ ] #" + alpha + " Alpha (plan " + greetings + ", unassigned, attempt 0/1)\n",
                "- [ ] #" + beta + " Beta (plan " + greetings + ", unassigned, attempt 0/1)\n");
        String written = Await.until(
                "board.md to show both plans",
                PATIENCE,
                this::boardFile,
                b -> b.contains(expected) && todo.stream().allMatch(b::contains));
        assertThat(written.substring(written.indexOf("## TODO"), written.indexOf("## BLOCKED")))
                .contains(todo);
        assertThat(board.render())
                .as("what GET /api/board and bosun board print")
                .contains(expected)
                .contains(todo);
    }

    private static NewTask task(String title, String... dependsOn) {
        return new NewTask(title, "do " + title, TaskPriority.NORMAL, List.of(dependsOn), ARCHITECT);
    }

    /**
     * The API refuses a lone surrogate, but the engine takes one from anywhere else (a process
     * started in Tasklist or through /engine-rest): the board writes it replaced, and keeps
     * writing. Before, every later write of board.md failed for good.
     */
    @Test
    void aTitleThatIsNotValidUnicodeNeverStopsTheBoardWriter() {
        lifecycle.start(new NewTask("broken \ud800 title", "x", TaskPriority.NORMAL));
        lifecycle.start(new NewTask("the next task", "x", TaskPriority.NORMAL));

        String written = Await.until(
                "the board to show the task after the broken title",
                PATIENCE,
                this::boardFile,
                b -> b.contains("the next task"));
        assertThat(written).contains("broken ? title");
    }

    private String boardFile() {
        try {
            return Files.exists(board.file()) ? Files.readString(board.file()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
