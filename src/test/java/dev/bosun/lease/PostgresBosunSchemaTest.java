package dev.bosun.lease;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.bosun.support.PostgresTestDatabase;

/** Bosun's schema on PostgreSQL: V1 is portable, and it adopts an existing installation there too. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresBosunSchemaTest {

    @RegisterExtension
    final PostgresTestDatabase.PerTest database = PostgresTestDatabase.perTest();

    @Test
    void aFreshDatabaseGetsEveryTableAndARestartRunsNothingAgain() {
        BosunSchema.migrate(database.dataSource());
        BosunSchema.migrate(database.dataSource());

        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        assertThat(BosunSchemaTest.tables(jdbc)).containsAll(BosunSchemaTest.TABLES);
        assertThat(BosunSchemaTest.versions(jdbc)).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void anExistingInstallationIsAdoptedWithItsData() {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        jdbc.execute("CREATE TABLE ACT_GE_PROPERTY (NAME_ VARCHAR(64) PRIMARY KEY, VALUE_ VARCHAR(300))");
        BosunSchemaTest.createTablesAsBeforeVersioning(jdbc);
        jdbc.update("INSERT INTO BOSUN_SEQUENCE (NAME, NEXT_VALUE) VALUES ('message', 7)");

        BosunSchema.migrate(database.dataSource());
        BosunSchema.migrate(database.dataSource());

        assertThat(BosunSchemaTest.versions(jdbc))
                .as("baseline, then V1 to V6")
                .containsExactly("0", "1", "2", "3", "4", "5", "6");
        assertThat(new IdSequence(database.dataSource(), "message", 0).next()).isEqualTo(8);
    }
}
