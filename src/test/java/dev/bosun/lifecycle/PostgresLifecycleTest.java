package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskReadModel;
import dev.bosun.process.NewTask;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.PostgresTestDatabase;
import dev.bosun.support.TestRepository;

/** The same engine, tables and lifecycle on PostgreSQL, the database for several nodes. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
// Declared before @SpringBootTest, so its afterAll runs after Spring's, which closes Bosun.
@ExtendWith(PostgresLifecycleTest.DropDatabaseAfterBosun.class)
@SpringBootTest(properties = {"bosun.engineers=2", "bosun.worker.poll-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresLifecycleTest {

    @TempDir
    static Path home;

    static TestRepository repository;
    static PostgresTestDatabase database;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        repository = TestRepository.create(home.resolve("repo"));
        database = PostgresTestDatabase.create();
        registry.add("bosun.repository", () -> repository.root().toString());
        registry.add("server.port", () -> "0");
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.datasource.password", PostgresTestDatabase::password);
    }

    /**
     * Drops the database once Bosun is closed: the other way round its pollers and pool meet a
     * database that is gone, and the close waits out their connection timeouts (80-100 s).
     */
    static final class DropDatabaseAfterBosun implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            if (database != null) {
                database.close();
            }
        }
    }

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Test
    void tasksGetUniqueIdsAndMergeOnPostgres() {
        List<String> ids = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> lifecycle.start(new NewTask(
                        "Postgres " + i,
                        "```bosun-script\nwrite pg-" + i + ".txt <<EOF\nrow " + i + "\nEOF\ncommit postgres " + i
                                + "\n```\n",
                        TaskPriority.NORMAL)))
                .toList();

        assertThat(ids).doesNotHaveDuplicates();
        for (String id : ids) {
            Await.until(
                    "task " + id + " merged on PostgreSQL",
                    Duration.ofSeconds(120),
                    () -> tasks.find(id).orElseThrow().task().status(),
                    "merged"::equals);
        }
        assertThat(repository.git("show", "main:pg-3.txt")).isEqualTo("row 3");
    }
}
