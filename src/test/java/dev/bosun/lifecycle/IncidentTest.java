package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
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

/** A failure of Bosun itself (here: the agent binary does not exist) is an incident, not a stuck task. */
@SpringBootTest(properties = {"bosun.agent.kind=command", "bosun.worker.poll-interval=100ms"})
class IncidentTest extends RepositoryBackedTest {

    /** There at start-up (the server refuses to start without it), gone when the task runs. */
    @DynamicPropertySource
    static void agentUninstalledAfterStart(DynamicPropertyRegistry registry) {
        registry.add("bosun.agent.command", () -> UninstalledAfterStart.install(agent()) + ",{prompt}");
    }

    private static Path agent() {
        return home.resolve("bin/no-such-agent-cli-xyz");
    }

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    RuntimeService runtime;

    @Test
    void anAgentThatCannotStartRaisesAnIncidentNamingTheBinary() {
        UninstalledAfterStart.uninstall(agent());
        String id = lifecycle.start(new NewTask("Anything", "any", TaskPriority.NORMAL));

        TaskDetails task = Await.until(
                "an incident on task " + id,
                Duration.ofSeconds(60),
                () -> tasks.find(id).orElseThrow(),
                t -> !t.incidents().isEmpty());
        assertThat(task.incidents())
                .singleElement()
                .asString()
                .startsWith(ProcessIds.TASK_CODE_TURN + ": ")
                .contains("no-such-agent-cli-xyz");
        Incident incident = runtime.createIncidentQuery()
                .processInstanceId(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(id)
                        .singleResult()
                        .getId())
                .singleResult();
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        assertThat(incident.getActivityId()).isEqualTo(ProcessIds.TASK_CODE_TURN);
    }
}
