package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.board.TaskDetails;
import dev.bosun.board.TaskReadModel;
import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/** A test command that does not exist is a configuration problem: escalate at once, say why. */
@SpringBootTest(properties = {"bosun.test-command=no-such-test-runner-xyz", "bosun.worker.poll-interval=100ms"})
class MissingTestCommandTest extends RepositoryBackedTest {

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    TaskService userTasks;

    @Test
    void theTaskEscalatesWithTheReasonInsteadOfAStackTrace() {
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
                .contains("test command not found: no-such-test-runner-xyz")
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
