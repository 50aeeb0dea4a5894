package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a member's log by offset, on real files. */
class TerminalLogsTest {

    @TempDir
    Path home;

    @Test
    void aNameThatWouldLeaveTheLogsFolderIsRefused() {
        TerminalLogs logs = new TerminalLogs(home.resolve("logs"));

        assertThat(logs.fileOf("eng-1")).isEqualTo(home.resolve("logs/eng-1.log"));
        for (String name : new String[] {"../secret", "a/b", "/etc/passwd", "x/../../y"}) {
            assertThatThrownBy(() -> logs.read(name, 0, 10)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsFollowAGrowingLogAndStartOverWhenItShrinks() throws Exception {
        Path file = home.resolve("logs/eng-1.log");
        Files.createDirectories(file.getParent());
        TerminalLogs logs = new TerminalLogs(home.resolve("logs"));
        Files.writeString(file, "one\n");

        TerminalLogs.Chunk first = logs.read("eng-1", 0, TerminalLogs.MAX_CHUNK);
        Files.writeString(file, "one\ntwo\n");
        TerminalLogs.Chunk second = logs.read("eng-1", first.next(), TerminalLogs.MAX_CHUNK);
        Files.writeString(file, "new\n");
        TerminalLogs.Chunk third = logs.read("eng-1", second.next(), TerminalLogs.MAX_CHUNK);

        assertThat(new String(second.bytes(), StandardCharsets.UTF_8)).isEqualTo("two\n");
        assertThat(second.start()).isEqualTo(4);
        assertThat(third.start()).as("shrank: from the start").isZero();
        assertThat(new String(third.bytes(), StandardCharsets.UTF_8)).isEqualTo("new\n");
        assertThatThrownBy(() -> logs.read("eng-1", -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
