package dev.bosun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.support.RepositoryBackedTest;

/** A real start: the logs folder an older Bosun left world-readable is tightened, data is created private. */
@SpringBootTest(properties = "bosun.worker.enabled=false")
class PrivateFoldersTest extends RepositoryBackedTest {

    @DynamicPropertySource
    static void worldReadableLogs(DynamicPropertyRegistry registry) throws IOException {
        Path logs = repository().root().resolve(".bosun/logs");
        Files.createDirectories(logs);
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(logs.resolve("server.log"), "started\n");
        assertThat(repository().root().resolve(".bosun/data")).doesNotExist();
    }

    @Test
    void logsAndDataAreReadableByTheOwnerOnly() throws IOException {
        Path bosun = repository.root().resolve(".bosun");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bosun.resolve("logs"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bosun.resolve("data"))))
                .isEqualTo("rwx------");
        assertThat(bosun.resolve("data/bosun.mv.db"))
                .as("the database in the private folder")
                .exists();
    }

    /** From the first start, so a `git add -A` to commit the team file never takes the tokens along. */
    @Test
    void theSecretsAreKeptOutOfGitFromTheFirstStart() throws IOException {
        assertThat(repository.root().resolve(".bosun/secrets/api-token")).exists();

        assertThat(Files.readAllLines(repository.root().resolve(".git/info/exclude")))
                .contains("/.bosun/secrets/");
        assertThat(repository.git("status", "--porcelain", "--untracked-files=all"))
                .doesNotContain("secrets");
    }
}
