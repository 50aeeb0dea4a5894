package dev.bosun.inbox;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bosun.support.PostgresTestDatabase;

/** The message store on PostgreSQL, the database several Bosun nodes share: the same SQL must work there. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresMessagesTest extends MessagesContract {

    @RegisterExtension
    final PostgresTestDatabase.PerTest database = PostgresTestDatabase.perTest();

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }
}
