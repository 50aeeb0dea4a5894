package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.BosunProperties;
import dev.bosun.events.BosunEvent;
import dev.bosun.events.EventLog;
import dev.bosun.events.TaskLifecycleEvent;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/**
 * Fails-N-then-succeeds for {@code bosun.retry.transient-retries}, on the real engine: a stand-in
 * worker asks to be retried later (as a merge does when the merge lock is busy) a number of
 * times, then completes. The engine hands the task out again after the lock duration, here a
 * tiny one, so the test waits on conditions only.
 */
@SpringBootTest(properties = {"bosun.worker.enabled=false", "bosun.engineers=1"})
class TransientRetriesTest extends RepositoryBackedTest {

    static final Duration LOCK = Duration.ofMillis(300);
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    EventLog events;

    ExternalTaskPoller poller;

    private final List<BosunEvent> raised = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopAndFinish() {
        if (poller != null) {
            poller.stop();
        }
        runtime.createProcessInstanceQuery().list().forEach(p -> runtime.deleteProcessInstance(p.getId(), "test done"));
    }

    @Test
    void aTaskThatAsksToBeRetriedAsOftenAsAllowedCompletesOnTheNextAttempt() {
        BosunProperties.Retry retry = withTransientRetries(2);
        FailsThenCompletes worker = new FailsThenCompletes(2);
        String id = lifecycle.start(new NewTask("retried", "", TaskPriority.NORMAL));

        start(worker, retry);

        Await.until(
                "task " + id + " claimed",
                PATIENCE,
                () -> runtime.getVariable(instanceId(id), ProcessVariables.MEMBER),
                "eng-1"::equals);
        poller.stop();
        assertThat(worker.attempts).hasValue(3);
        assertThat(raised).isEmpty();
        assertThat(runtime.createIncidentQuery()
                        .processInstanceId(instanceId(id))
                        .count())
                .isZero();
    }

    @Test
    void oneRetryLaterTooManyRaisesAnIncidentAfterTheAllowedAttempts() {
        BosunProperties.Retry retry = withTransientRetries(2);
        FailsThenCompletes worker = new FailsThenCompletes(Integer.MAX_VALUE);
        String id = lifecycle.start(new NewTask("never", "", TaskPriority.NORMAL));

        start(worker, retry);

        Await.until(
                "an incident on task " + id,
                PATIENCE,
                () -> runtime.createIncidentQuery()
                        .processInstanceId(instanceId(id))
                        .count(),
                count -> count > 0);
        poller.stop();
        assertThat(worker.attempts).as("the first attempt and two retries").hasValue(3);
        assertThat(runtime.getVariable(instanceId(id), ProcessVariables.MEMBER)).isNull();
        assertThat(raised).singleElement().satisfies(event -> {
            assertThat(event.event()).isEqualTo("incident_raised");
            assertThat(event.task()).isEqualTo(id);
            assertThat(event.to()).isEqualTo("incident");
        });
    }

    @Test
    void anIncidentAndItsEventAreRecordedInOneTransactionAndTheEventIsWrittenOnce() throws IOException {
        BosunProperties.Retry retry = withTransientRetries(0);
        String id = lifecycle.start(new NewTask("incident in a transaction", "", TaskPriority.NORMAL));
        List<Boolean> inTransaction = new java.util.concurrent.CopyOnWriteArrayList<>();

        start(new FailsThenCompletes(Integer.MAX_VALUE), retry, new TransactionTemplate(transactions), event -> {
            inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            publisher.publishEvent(new TaskLifecycleEvent(event));
        });

        Await.until(
                "the incident_raised line of task " + id, PATIENCE, () -> incidentLines(id), lines -> !lines.isEmpty());
        poller.stop();
        assertThat(inTransaction)
                .as("the event goes into the outbox in the incident's own transaction")
                .containsExactly(true);
        assertThat(incidentLines(id)).singleElement().asString().containsPattern(",\"seq\":\\d+}$");
        assertThat(runtime.createIncidentQuery()
                        .processInstanceId(instanceId(id))
                        .count())
                .isEqualTo(1);
    }

    private List<String> incidentLines(String id) {
        try {
            Path file = events.file();
            return (Files.exists(file) ? Files.readAllLines(file) : List.<String>of())
                    .stream()
                            .filter(line -> line.contains("\"event\":\"incident_raised\"")
                                    && line.contains("\"task\":\"" + id + "\""))
                            .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void start(TopicWorker worker, BosunProperties.Retry retry) {
        start(worker, retry, TransactionOperations.withoutTransaction(), raised::add);
    }

    private void start(
            TopicWorker worker,
            BosunProperties.Retry retry,
            TransactionOperations transaction,
            java.util.function.Consumer<BosunEvent> incidents) {
        poller = new ExternalTaskPoller(
                externalTasks,
                runtime,
                List.of(worker),
                "test",
                1,
                Duration.ofMillis(20),
                LOCK,
                retry,
                text -> text,
                incidents,
                transaction,
                new dev.bosun.runtime.Wakeups());
        poller.start();
    }

    private String instanceId(String taskId) {
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(taskId)
                .singleResult()
                .getId();
    }

    private static BosunProperties.Retry withTransientRetries(int retries) {
        BosunProperties.Retry d = BosunProperties.Retry.defaults();
        return new BosunProperties.Retry(
                d.claimBackoffPolls(),
                d.fetchBackoffPolls(),
                d.deliveryBackoffPolls(),
                d.reportAttempts(),
                d.reportWait(),
                retries,
                d.failedTurnWait(),
                d.gitAttempts(),
                d.gitWait());
    }

    /** Takes the claim step: asks to be retried later {@code failures} times, then claims it for eng-1. */
    private static final class FailsThenCompletes implements TopicWorker {
        final AtomicInteger attempts = new AtomicInteger();
        private final int failures;

        FailsThenCompletes(int failures) {
            this.failures = failures;
        }

        @Override
        public String topic() {
            return ProcessIds.TOPIC_CLAIM;
        }

        @Override
        public WorkResult work(WorkItem item) {
            if (attempts.incrementAndGet() <= failures) {
                return new WorkResult.RetryLater("busy, attempt " + attempts.get());
            }
            return WorkResult.complete(Map.of(ProcessVariables.MEMBER, "eng-1"));
        }
    }
}
