package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskDetails;
import dev.bosun.board.TaskReadModel;
import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.UninstalledAfterStart;

/** A test command that does not exist is a configuration problem: escalate at once, say why. */
@SpringBootTest(properties = "bosun.worker.poll-interval=100ms")
class MissingTestCommandTest extends RepositoryBackedTest {

    /** There at start-up (the server refuses to start without it), gone when the task's tests run. */
    @DynamicPropertySource
    static void testRunnerUninstalledAfterStart(DynamicPropertyRegistry registry) {
        registry.add("bosun.test-command", () -> UninstalledAfterStart.install(testRunner()));
    }

    private static Path testRunner() {
        return home.resolve("bin/no-such-test-runner-xyz");
    }

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    TaskService userTasks;

    @Test
    void theTaskEscalatesWithTheReasonInsteadOfAStackTrace() {
        UninstalledAfterStart.uninstall(testRunner());
        String id = lifecycle.start(new NewTask("Anything", """
                ```bosun-script
                write any.txt <<EOF
                any
                EOF
                commit any
                ```
                """, TaskPriority.NORMAL));

        TaskDetails task = Await.until(
                "task " + id + " to escalate",
                Duration.ofSeconds(90),
                () -> tasks.find(id).orElseThrow(),
                t -> "escalated".equals(t.task().status()));
        assertThat(task.failureReason())
                .contains("test command not found: " + testRunner())
                .doesNotContain("Exception");
        assertThat(task.task().attempts()).isEqualTo(1);
        assertThat(userTasks
                        .createTaskQuery()
                        .processInstanceBusinessKey(id)
                        .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                        .taskCandidateGroup(ProcessIds.GROUP_HUMANS)
                        .count())
                .isEqualTo(1);
    }
}
