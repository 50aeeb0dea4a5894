package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.board.TaskReadModel;
import dev.bosun.process.NewTask;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/**
 * A task deleted in Cockpit while its agent works: the next lock extension is refused and the
 * agent is stopped, instead of writing on in a worktree its engineer may already use again.
 */
@SpringBootTest(
        properties = {"bosun.engineers=1", "bosun.worker.poll-interval=100ms", "bosun.worker.lock-duration=1500ms"})
class LostLockTest extends RepositoryBackedTest {

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    RuntimeService runtime;

    @Test
    void deletingATaskStopsItsRunningAgent() throws Exception {
        String id = lifecycle.start(
                new NewTask("Endless", "```bosun-script\nsay working\nsleep 5m\n```\n", TaskPriority.NORMAL));
        Path agentLog = repository.root().resolve(".bosun/logs/eng-1.log");
        Await.until(
                "the agent to be working",
                Duration.ofSeconds(60),
                () -> read(agentLog),
                log -> log.contains("working"));

        String instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(id)
                .singleResult()
                .getId();
        // The worker extends its lock every half second; a delete that races with that is retried,
        // as a person in Cockpit would click again.
        Await.until("the task to be deleted", Duration.ofSeconds(60), () -> tryDelete(instance), deleted -> deleted);

        String log = Await.until(
                "the agent to be stopped",
                Duration.ofSeconds(20),
                () -> read(agentLog),
                text -> text.contains("=== end turn"));
        assertThat(log).contains("interrupted");
    }

    private boolean tryDelete(String instance) {
        try {
            runtime.deleteProcessInstance(instance, "cancelled by a human in Cockpit");
            return true;
        } catch (OptimisticLockingException raced) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
