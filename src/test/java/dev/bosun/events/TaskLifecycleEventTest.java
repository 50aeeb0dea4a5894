package dev.bosun.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.process.NewTask;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/**
 * The audit log and the board act on a lifecycle step only once the engine's transaction commits;
 * the step's outbox row is written in that very transaction (the engine runs on Spring's
 * transaction manager and the same DataSource), so a rolled-back step leaves no row.
 */
@SpringBootTest(properties = "bosun.worker.enabled=false")
class TaskLifecycleEventTest extends RepositoryBackedTest {

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EventLog events;

    @Autowired
    TaskLifecycle tasks;

    @Autowired
    DataSource dataSource;

    @Test
    void theEnginesStepAndItsOutboxRowCommitOrRollBackTogether() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> {
            String id = tasks.start(new NewTask("Rolled back step", "", TaskPriority.NORMAL));
            // uncommitted rows are visible only to their own transaction: the engine's insert and
            // the outbox's are on one connection in one transaction
            assertThat(count(jdbc, "SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ?", id))
                    .isEqualTo(1);
            assertThat(outboxRows(jdbc, "Rolled back step")).isEqualTo(1);
            status.setRollbackOnly();
        });
        String committed = tasks.start(new NewTask("Committed step", "", TaskPriority.NORMAL));

        assertThat(count(jdbc, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ?", committed))
                .as("only the committed instance exists")
                .isEqualTo(1);
        assertThat(outboxRows(jdbc, "Rolled back step"))
                .as("no row of the rolled-back step")
                .isZero();
        assertThat(outboxRows(jdbc, "Committed step"))
                .as("written, then deleted")
                .isZero();
        List<String> lines = lines(events.file());
        assertThat(lines).noneMatch(line -> line.contains("Rolled back step"));
        assertThat(lines)
                .filteredOn(line -> line.contains("\"event\":\"task_created\"") && line.contains("Committed step"))
                .singleElement()
                .asString()
                .contains("\"task\":\"" + committed + "\"")
                .containsPattern(",\"seq\":\\d+}$");
    }

    private static int outboxRows(JdbcTemplate jdbc, String title) {
        return count(jdbc, "SELECT COUNT(*) FROM BOSUN_EVENT_OUTBOX WHERE LINE LIKE ?", "%" + title + "%");
    }

    private static int count(JdbcTemplate jdbc, String sql, String argument) {
        Integer count = jdbc.queryForObject(sql, Integer.class, argument);
        return count == null ? 0 : count;
    }

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
