package dev.bosun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .bosun/server.json}, which every client command reads to find its server. */
class ServerFileTest {

    @TempDir
    Path repository;

    @Test
    void whatIsWrittenIsReadBack() {
        Path file = ServerFile.path(repository);
        ServerFile.Contents written = new ServerFile.Contents(
                4242, "http://127.0.0.1:8080", repository.toString(), "2026-12-03T10:00:00Z", 30L);

        ServerFile.write(file, written);

        assertThat(ServerFile.read(file)).contains(written);
        ServerFile.Contents older = new ServerFile.Contents(7, "http://h:1", "/r", "now");
        ServerFile.write(file, older);
        assertThat(ServerFile.read(file))
                .as("no stop grace: a file of an older server")
                .contains(older);
    }

    @Test
    void aFileThatNamesNoServerIsNotOne() throws IOException {
        Path file = ServerFile.path(repository);
        Files.createDirectories(file.getParent());

        for (String text : new String[] {
            "",
            "{\"pid\":",
            "[]",
            "{\"url\":\"http://h:1\"}",
            "{\"pid\":1}",
            "{\"pid\":\"1\",\"url\":\"http://h:1\"}",
            "{\"pid\":1.5,\"url\":\"http://h:1\"}",
            "{\"pid\":1,\"url\":7}",
            "{\"pid\":1,\"url\":\"u\",\"stopGraceSeconds\":\"x\"}"
        }) {
            Files.writeString(file, text);
            assertThat(ServerFile.read(file)).as(text).isEmpty();
        }
        assertThat(ServerFile.read(repository.resolve("missing.json"))).isEmpty();
    }

    @Test
    void fieldsItDoesNotKnowAreIgnored() throws IOException {
        Path file = ServerFile.path(repository);
        Files.createDirectories(file.getParent());
        Files.writeString(
                file, "{\"pid\":9,\"url\":\"http://h:1\",\"repository\":\"/r\",\"startedAt\":\"t\",\"node\":\"b\"}");

        assertThat(ServerFile.read(file)).contains(new ServerFile.Contents(9, "http://h:1", "/r", "t"));
    }
}
