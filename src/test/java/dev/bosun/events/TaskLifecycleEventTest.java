package dev.bosun.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/** The audit log and the board act on a lifecycle step only once the engine's transaction commits. */
@SpringBootTest(properties = "bosun.worker.enabled=false")
class TaskLifecycleEventTest extends RepositoryBackedTest {

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EventLog events;

    @Test
    void aStepIsRecordedAfterItsTransactionCommitsAndNeverWhenItRollsBack() {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        Path board = repository().root().resolve(".bosun/board.md");

        transaction.executeWithoutResult(status -> {
            publisher.publishEvent(new TaskLifecycleEvent(BosunEvent.of("probe_rolled_back", "T-1")));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> {
            publisher.publishEvent(new TaskLifecycleEvent(BosunEvent.of("probe_committed", "T-2")));
            assertThat(lines(events.file())).noneMatch(line -> line.contains("probe_committed"));
        });

        assertThat(lines(events.file()))
                .anyMatch(line -> line.contains("\"event\":\"probe_committed\""))
                .noneMatch(line -> line.contains("probe_rolled_back"));
        Await.until(
                "board.md after the committed step",
                Duration.ofSeconds(30),
                () -> Files.exists(board),
                exists -> exists);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
