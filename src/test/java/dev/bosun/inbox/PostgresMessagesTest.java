package dev.bosun.inbox;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.bosun.support.PostgresTestDatabase;

/** The message store on PostgreSQL, the database several Bosun nodes share: the same SQL must work there. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class PostgresMessagesTest extends MessagesContract {

    private PostgresTestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }
}
