package dev.bosun.lease;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Bosun's own tables (listed in docs/architecture.md), versioned in {@code db/bosun/V*.sql} and
 * applied by Flyway once at start-up, before any bean that uses them is created. The database
 * also holds Camunda's tables (Camunda creates those itself) and, in existing installations,
 * Bosun's tables from before they were versioned; hence a history table of Bosun's own, and a
 * baseline at version 0 on a non-empty schema, so that V1 (which only creates what is missing)
 * still runs and adopts them.
 */
public final class BosunSchema {

    static final String LOCATION = "classpath:db/bosun";
    static final String HISTORY_TABLE = "bosun_schema_history";

    private BosunSchema() {}

    /** Bosun's settings on a Flyway configuration; the application's and the tests' one home. */
    public static FluentConfiguration configure(FluentConfiguration configuration) {
        return configuration
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    /** Brings the database up to date, as a start-up does; for code that runs without Spring. */
    public static void migrate(DataSource dataSource) {
        configure(Flyway.configure()).dataSource(dataSource).load().migrate();
    }
}
