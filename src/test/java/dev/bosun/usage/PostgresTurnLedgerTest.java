package dev.bosun.usage;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.PostgresTestDatabase;

/** The turn ledger on PostgreSQL, the database several Bosun nodes share: the same SQL must work there. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresTurnLedgerTest extends TurnLedgerContract {

    @RegisterExtension
    final PostgresTestDatabase.PerTest database = PostgresTestDatabase.perTest();

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }
}
