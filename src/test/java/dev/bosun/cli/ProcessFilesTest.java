package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessFilesTest {

    @Test
    void theInstalledListIsEveryFileOfTheProcessesFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(ProcessFiles.NAMES);
        }
    }

    @Test
    void installsCopiesOfTheShippedFilesAndKeepsAUsersEdit(@TempDir Path repo) throws IOException {
        Path folder = ProcessFiles.folder(repo);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("escalation.form"), "edited");

        ProcessFiles.installMissing(repo);

        assertThat(folder.resolve("task-lifecycle.bpmn"))
                .hasSameTextualContentAs(Path.of("processes/task-lifecycle.bpmn"));
        assertThat(folder.resolve("escalation.form")).hasContent("edited");
        assertThat(ProcessFiles.differingFromThisBuild(repo)).containsExactly("escalation.form");
    }
}
