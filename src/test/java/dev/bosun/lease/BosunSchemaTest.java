package dev.bosun.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bosun's tables come from one versioned schema: on a fresh database, on a restart (nothing runs
 * again), and on a database that already holds Camunda's tables and Bosun's tables from before
 * they were versioned (adopted as they are, data kept).
 */
class BosunSchemaTest {

    static final List<String> TABLES = List.of(
            "BOSUN_MERGE_LOCK",
            "BOSUN_SEQUENCE",
            "BOSUN_MESSAGE",
            "BOSUN_MERGE_JOURNAL",
            "BOSUN_PLAN_TASK",
            "BOSUN_TURN",
            "BOSUN_DECISION",
            "BOSUN_TEST_RUN",
            "BOSUN_EVENT_OUTBOX");

    @TempDir
    Path dir;

    @Test
    void aFreshDatabaseGetsEveryTableAndARestartRunsNothingAgain() {
        DataSource dataSource = h2File();

        BosunSchema.migrate(dataSource);
        new IdSequence(dataSource, "task", 0).next();
        BosunSchema.migrate(dataSource);

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(tables(jdbc)).containsAll(TABLES);
        assertThat(versions(jdbc)).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(new IdSequence(dataSource, "task", 0).next())
                .as("the counter survived the restart")
                .isEqualTo(2);
    }

    @Test
    void anExistingInstallationIsAdoptedWithItsData() {
        DataSource dataSource = h2File();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // What a Bosun without versioned tables left behind, next to Camunda's own tables.
        jdbc.execute("CREATE TABLE ACT_GE_PROPERTY (NAME_ VARCHAR(64) PRIMARY KEY, VALUE_ VARCHAR(300))");
        createTablesAsBeforeVersioning(jdbc);
        jdbc.update("INSERT INTO BOSUN_SEQUENCE (NAME, NEXT_VALUE) VALUES ('task', 41)");

        BosunSchema.migrate(dataSource);

        assertThat(tables(jdbc)).containsAll(TABLES).contains("ACT_GE_PROPERTY");
        assertThat(versions(jdbc)).as("baseline, then V1 to V6").containsExactly("0", "1", "2", "3", "4", "5", "6");
        assertThat(new IdSequence(dataSource, "task", 0).next()).isEqualTo(42);
    }

    @Test
    void theApplicationMigratesBeforeTheLeasesAreBuiltOnEveryStart() {
        DataSource dataSource = h2File();
        ApplicationContextRunner bosun = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource)
                .withUserConfiguration(LeaseConfiguration.class);

        for (String start : List.of("fresh start", "restart")) {
            bosun.run(context -> {
                assertThat(context).as(start).hasNotFailed();
                Lease merge = context.getBean(Leases.class).of(LeaseName.MERGE);
                try (Lease.Held held = merge.acquire(start, Duration.ZERO).orElseThrow()) {
                    assertThat(merge.holder()).contains(start);
                }
                assertThat(context.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
            });
        }
        assertThat(versions(new JdbcTemplate(dataSource))).containsExactly("1", "2", "3", "4", "5", "6");
    }

    private DataSource h2File() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("bosun") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** The statements Bosun ran in its constructors before its tables were versioned. */
    static void createTablesAsBeforeVersioning(JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS BOSUN_MERGE_LOCK (LOCK_NAME VARCHAR(64) PRIMARY KEY, "
                + "HOLDER VARCHAR(255), EXPIRES_AT BIGINT)");
        jdbc.execute(
                "CREATE TABLE IF NOT EXISTS BOSUN_SEQUENCE (NAME VARCHAR(64) PRIMARY KEY, NEXT_VALUE BIGINT NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS BOSUN_MESSAGE (ID BIGINT PRIMARY KEY, SENDER VARCHAR(255) NOT NULL, "
                + "RECIPIENT VARCHAR(255) NOT NULL, DELIVERED_TO VARCHAR(255), BODY TEXT NOT NULL, "
                + "STATUS VARCHAR(16) NOT NULL, CREATED_AT BIGINT NOT NULL, DELIVERED_AT BIGINT, "
                + "TAKEN_BY VARCHAR(255), LEASE_UNTIL BIGINT)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS BOSUN_MESSAGE_STATUS ON BOSUN_MESSAGE (STATUS)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS BOSUN_MERGE_JOURNAL (COMMIT_ID VARCHAR(64) PRIMARY KEY, "
                + "TASK_ID VARCHAR(255) NOT NULL, RECORDED_AT BIGINT NOT NULL)");
    }

    static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT UPPER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES", String.class);
    }

    static List<String> versions(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "SELECT \"version\" FROM \"" + BosunSchema.HISTORY_TABLE
                        + "\" WHERE \"success\" AND \"version\" IS NOT NULL " + "ORDER BY \"installed_rank\"",
                String.class);
    }
}
