package dev.bosun.merge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.lease.BosunSchema;
import dev.bosun.support.PostgresTestDatabase;

/** The journal of Bosun's merges on PostgreSQL: created once, shared by two nodes, idempotent. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresMergeJournalTest {

    @RegisterExtension
    final PostgresTestDatabase.PerTest database = PostgresTestDatabase.perTest();

    @BeforeEach
    void createBosunTables() {
        BosunSchema.migrate(database.dataSource());
    }

    @Test
    void twoNodesShareOneJournal() {
        JdbcMergeJournal first = new JdbcMergeJournal(database.dataSource());
        JdbcMergeJournal second = new JdbcMergeJournal(database.dataSource());
        String commit = "a".repeat(40);

        first.record("7", commit);
        second.record("7", commit);

        assertThat(second.commitsOf("7")).containsExactly(commit);
        assertThat(first.isBosunMerge(commit)).isTrue();
        assertThat(first.isBosunMerge("b".repeat(40))).isFalse();
        assertThat(first.commitsOf("8")).isEmpty();
    }
}
