package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
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

/** A failure of Bosun itself (here: the agent binary does not exist) is an incident, not a stuck task. */
@SpringBootTest(
        properties = {
            "bosun.agent.kind=command",
            "bosun.agent.command=no-such-agent-cli-xyz,{prompt}",
            "bosun.worker.poll-interval=100ms"
        })
class IncidentTest extends RepositoryBackedTest {

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    RuntimeService runtime;

    @Test
    void anAgentThatCannotStartRaisesAnIncidentNamingTheBinary() {
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
