package dev.bosun.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The decision and test-run records on an H2 file, the default single-node database. */
class H2AuditRecordsTest extends AuditRecordsContract {

    @TempDir
    Path dir;
    /** Keeps the database open between statements, as the server's connection pool does. */
    private Connection keepOpen;

    @BeforeEach
    void open() throws SQLException {
        keepOpen = dataSource().getConnection();
    }

    @AfterEach
    void close() throws SQLException {
        keepOpen.close();
    }

    @Override
    DataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("bosun") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        dataSource.setUser("sa");
        return dataSource;
    }
}
