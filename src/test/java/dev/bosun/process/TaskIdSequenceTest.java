package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.lease.BosunSchema;
import dev.bosun.support.TestRepository;
import dev.bosun.workspace.GitWorktrees;

/** A new database does not hand out ids that the repository's branches or trunk already carry. */
class TaskIdSequenceTest {

    @TempDir
    Path home;

    @Test
    void aFreshCounterStartsAboveTheIdsTheRepositoryAlreadyUses() {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        repository.git("branch", "eng-2/41");
        repository.git(
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                "Merge task 57: old work\n\nBosun-Task: 57\nBosun-Member: eng-1");

        TaskIdSequence ids = sequence(repository.root());
        assertThat(ids.next()).isEqualTo(58);
        assertThat(ids.next()).isEqualTo(59);
    }

    @Test
    void aNewRepositoryStartsAtOne() {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        assertThat(sequence(repository.root()).next()).isEqualTo(1);
        assertThat(sequence(home.resolve("not-a-repository-yet")).next()).isEqualTo(1);
    }

    private static TaskIdSequence sequence(Path repository) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ids-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        BosunSchema.migrate(dataSource);
        return new TaskIdSequence(dataSource, new GitWorktrees(repository, "main"));
    }
}
