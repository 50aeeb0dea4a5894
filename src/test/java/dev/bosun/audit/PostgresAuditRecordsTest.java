package dev.bosun.audit;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.PostgresTestDatabase;

/** The decision and test-run records on PostgreSQL, the database several Bosun nodes share. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresAuditRecordsTest extends AuditRecordsContract {

    @RegisterExtension
    final PostgresTestDatabase.PerTest database = PostgresTestDatabase.perTest();

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }
}
