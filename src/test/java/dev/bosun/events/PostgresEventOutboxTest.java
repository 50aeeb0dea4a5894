package dev.bosun.events;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.PostgresTestDatabase;

/** The outbox on PostgreSQL, the database several nodes share: the same SQL, row locks and order. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresEventOutboxTest extends EventOutboxTest {

    @RegisterExtension
    final PostgresTestDatabase.PerTest database = PostgresTestDatabase.perTest();

    @Override
    DataSource newDatabase() {
        return database.dataSource();
    }
}
