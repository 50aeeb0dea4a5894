package dev.bosun.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh PostgreSQL database per test class on the server that {@code BOSUN_TEST_POSTGRES_URL}
 * names (for example {@code jdbc:postgresql://127.0.0.1:5432/postgres}; .ci/run starts one and
 * sets it). The role needs CREATEDB. Tests that use it are enabled only when the variable is set.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String URL_VARIABLE = "BOSUN_TEST_POSTGRES_URL";

    private final String adminUrl;
    private final String name;

    private PostgresTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    public static PostgresTestDatabase create() {
        String adminUrl = System.getenv(URL_VARIABLE);
        if (adminUrl == null) {
            throw new IllegalStateException(URL_VARIABLE + " is not set");
        }
        String name =
                "bosun_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, "CREATE DATABASE " + name);
        return new PostgresTestDatabase(adminUrl, name);
    }

    public String url() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public static String user() {
        return System.getenv().getOrDefault("BOSUN_TEST_POSTGRES_USER", "bosun");
    }

    public static String password() {
        return System.getenv().getOrDefault("BOSUN_TEST_POSTGRES_PASSWORD", "bosun");
    }

    public DataSource dataSource() {
        return new DriverManagerDataSource(url(), user(), password());
    }

    @Override
    public void close() {
        execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    /** A fresh database for each test, dropped after it: {@code @RegisterExtension final PerTest database = perTest();}. */
    public static PerTest perTest() {
        return new PerTest();
    }

    /** See {@link #perTest()}. */
    public static final class PerTest implements BeforeEachCallback, AfterEachCallback {
        private @Nullable PostgresTestDatabase database;

        private PerTest() {}

        @Override
        public void beforeEach(ExtensionContext context) {
            database = create();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (database != null) {
                database.close();
                database = null;
            }
        }

        public DataSource dataSource() {
            if (database == null) {
                throw new IllegalStateException("the database exists only while a test runs");
            }
            return database.dataSource();
        }
    }
}
