package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.lease.JdbcLease;
import dev.bosun.lease.LeaseName;
import dev.bosun.support.RepositoryBackedTest;

/**
 * Two nodes (two claim dispatchers, each with its own lock instance) race for one engineer on the
 * same engine: the engineer still gets exactly one task.
 */
@SpringBootTest(properties = {"bosun.worker.enabled=false", "bosun.engineers=1"})
class ClaimAcrossNodesTest extends RepositoryBackedTest {

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagerReviews managers;

    @Autowired
    HistoryService history;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    DataSource dataSource;

    @Test
    void twoNodesNeverGiveOneEngineerTwoTasks() {
        IntStream.rangeClosed(1, 4).forEach(i -> lifecycle.start(new NewTask("race " + i, "", TaskPriority.NORMAL)));
        ClaimDispatcher nodeA = node("node-a");
        ClaimDispatcher nodeB = node("node-b");

        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> claimRepeatedly(nodeA)),
                        CompletableFuture.runAsync(() -> claimRepeatedly(nodeB)))
                .join();

        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                        .variableValueEquals(ProcessVariables.MEMBER, "eng-1")
                        .count())
                .isEqualTo(1);
        assertThat(externalTasks
                        .createExternalTaskQuery()
                        .topicName(ProcessIds.TOPIC_CLAIM)
                        .count())
                .isEqualTo(3);
    }

    private ClaimDispatcher node(String name) {
        return new ClaimDispatcher(
                externalTasks,
                runtime,
                history,
                new JdbcLease(dataSource, LeaseName.CLAIM, Clock.systemUTC()),
                name,
                List.of("eng-1"),
                Duration.ofMillis(10),
                Duration.ofSeconds(10),
                member -> false,
                managers);
    }

    private static void claimRepeatedly(ClaimDispatcher dispatcher) {
        for (int i = 0; i < 40; i++) {
            dispatcher.claimForIdleEngineers();
        }
    }
}
