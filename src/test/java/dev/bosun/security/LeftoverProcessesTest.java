package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes with Bosun's server marks in their environment: only those of this Bosun folder
 * whose server is gone are leftovers, and stopping them ends them and nothing else.
 */
class LeftoverProcessesTest {

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endThem() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void onlyProcessesOfThisFolderWhoseServerIsGoneAreLeftovers() throws Exception {
        Path bosun = home.resolve("repo/.bosun");
        String gone = goneServer();
        String live = ServerMarks.thisServer();
        long reusedPid = ProcessHandle.current().pid(); // alive, but not started at the time the mark names
        Process orphan = sleeper(Map.of(ServerMarks.HOME, bosun.toString(), ServerMarks.SERVER, gone));
        Process reused = sleeper(Map.of(ServerMarks.HOME, bosun.toString(), ServerMarks.SERVER, reusedPid + ":1"));
        Process ofALiveServer = sleeper(Map.of(ServerMarks.HOME, bosun.toString(), ServerMarks.SERVER, live));
        Process ofAnotherFolder =
                sleeper(Map.of(ServerMarks.HOME, home.resolve("other/.bosun").toString(), ServerMarks.SERVER, gone));
        Process notBosuns = sleeper(Map.of(ServerMarks.HOME, bosun.toString(), ServerMarks.SERVER, "someone"));

        LeftoverProcesses leftovers = new LeftoverProcesses(home.resolve("repo/./.bosun"));
        assertThat(leftovers.find()).containsExactlyInAnyOrder(orphan.pid(), reused.pid());

        LeftoverProcesses.Stopped stopped = leftovers.stop(Duration.ofSeconds(10));
        assertThat(stopped.pids()).containsExactlyInAnyOrder(orphan.pid(), reused.pid());
        assertThat(stopped.surviving()).isEmpty();
        assertThat(orphan.isAlive()).isFalse();
        assertThat(reused.isAlive()).isFalse();
        assertThat(List.of(ofALiveServer, ofAnotherFolder, notBosuns))
                .as("processes of a live server, of another folder, or not marked by Bosun are left alone")
                .allMatch(Process::isAlive);
        assertThat(leftovers.find()).isEmpty();
    }

    @Test
    void aServerMarkNamesThePidAndTheKernelsStartTime() {
        String mark = ServerMarks.thisServer();
        assertThat(mark).matches(ProcessHandle.current().pid() + ":[0-9]+");
        assertThat(ServerMarks.alive(mark)).isTrue();
        assertThat(ServerMarks.alive(ProcessHandle.current().pid() + ":1")).isFalse();
    }

    @Test
    void theValueOfAnEntryIsReadFromTheNulSeparatedEnvironment() {
        byte[] environ = "A=1\0BOSUN_SERVER_X=no\0BOSUN_SERVER=12:34\0".getBytes();
        assertThat(LeftoverProcesses.valueOf(environ, "BOSUN_SERVER")).isEqualTo("12:34");
        assertThat(LeftoverProcesses.valueOf(environ, "B")).isNull();
    }

    /** The mark of a process that has ended: its pid is gone (or, later, someone else's). */
    private static String goneServer() throws IOException, InterruptedException {
        Process done = new ProcessBuilder("sleep", "30").start();
        String mark = done.pid() + ":" + ServerMarks.startTime(done.pid()).orElseThrow();
        done.destroyForcibly().waitFor();
        return mark;
    }

    private Process sleeper(Map<String, String> marks) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sleep", "300");
        builder.environment().putAll(marks);
        Process process = builder.start();
        started.add(process);
        return process;
    }
}
