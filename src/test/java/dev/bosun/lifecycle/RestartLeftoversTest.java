package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.BosunServer;
import dev.bosun.support.MarkerFiles;
import dev.bosun.support.TestRepository;

/**
 * A server whose SIGHUP is ignored ({@code nohup}, as services are started) is killed with SIGKILL
 * during a long turn; its agent keeps working in the worktree. A new server on the same repository
 * runs the step again: the old agent must be gone before the new one starts, so two agents never
 * work in one worktree, and the task is merged once.
 *
 * <p>The agent is a shell script that notes its pid, and notes an overlap whenever another agent
 * of this test still runs (a pid in the shared file that answers {@code kill -0}); it works (writes
 * a progress file in its worktree) until the test releases it, then commits.
 */
class RestartLeftoversTest {

    private static final String AGENT = """
            state="$1"
            me=$$
            echo "$me" >> "$state/agents"
            check() {
              other=$(cat "$state/running" 2>/dev/null)
              if [ -n "$other" ] && [ "$other" != "$me" ] && kill -0 "$other" 2>/dev/null; then
                echo "$me ran while $other still ran" >> "$state/overlap"
              fi
            }
            check
            echo "$me" > "$state/running"
            n=0
            while [ ! -e "$state/release" ]; do
              check
              n=$((n + 1))
              echo "$n" > progress.txt
              sleep 0.2
            done
            echo "done by $me" > result.txt
            git add result.txt progress.txt
            git -c user.name=agent -c user.email=agent@example.com commit -q -m "work of agent $me"
            """;

    @TempDir
    Path home;

    private Path state;

    @AfterEach
    void endTheAgents() {
        if (state == null) {
            return;
        }
        for (long pid : agents()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void theAgentOfAKilledServerIsGoneBeforeTheTurnRunsAgain() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        state = Files.createDirectories(home.resolve("state"));
        Path agent = home.resolve("agent.sh");
        Files.writeString(agent, AGENT);
        int port = BosunServer.freePort();

        BosunServer first = start(repository, port, agent, "first");
        String id = first.createTask("Work long", "Keep working until released.");
        long oldAgent = Await.until(
                        "the first agent to start", Duration.ofSeconds(120), this::agents, a -> !a.isEmpty())
                .get(0);
        first.kill();
        assertThat(ProcessHandle.of(oldAgent).map(ProcessHandle::isAlive))
                .as("the agent outlives its server killed with SIGKILL when SIGHUP is ignored")
                .contains(true);

        try (BosunServer second = start(repository, port, agent, "second")) {
            Await.until(
                    "the turn to run again on the second server",
                    Duration.ofSeconds(120),
                    this::agents,
                    a -> a.size() >= 2);
            assertThat(ProcessHandle.of(oldAgent).map(ProcessHandle::isAlive).orElse(false))
                    .as(
                            "the first server's agent is gone; its marks: %s; server log:%n%s",
                            marks(oldAgent), Files.readString(home.resolve("server-second.log")))
                    .isFalse();
            MarkerFiles.create(state.resolve("release"));
            second.awaitStatus(id, "merged");

            assertThat(state.resolve("overlap"))
                    .as("no two agents ran in one worktree")
                    .doesNotExist();
            // A second server's agent may itself be run again (a lock lost on a starved machine ends
            // its turn and the step runs anew), so the merged work is one of the second server's.
            List<Long> started = agents();
            assertThat(started.get(0)).isEqualTo(oldAgent);
            assertThat(repository.git("log", "--format=%s", "main"))
                    .as("only the second server's agent's work is merged")
                    .containsAnyOf(started.subList(1, started.size()).stream()
                            .map(pid -> "work of agent " + pid)
                            .toArray(String[]::new))
                    .doesNotContain("work of agent " + oldAgent);
            String events = Files.readString(repository.root().resolve(".bosun/events.jsonl"));
            assertThat(events.lines().filter(line -> line.contains("\"leftovers_stopped\"")))
                    .as("the stopped leftovers are an event:%n%s", events)
                    .singleElement()
                    .asString()
                    .contains(Long.toString(oldAgent));
        }
    }

    /** The Bosun marks in a process's environment, for a failure message. */
    private static String marks(long pid) {
        try {
            return java.util.Arrays.stream(
                            Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8)
                                    .split("\0"))
                    .filter(entry -> entry.startsWith("BOSUN_HOME=") || entry.startsWith("BOSUN_SERVER="))
                    .toList()
                    .toString();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private List<Long> agents() {
        try {
            Path file = state.resolve("agents");
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(line -> !line.isBlank())
                            .map(Long::parseLong)
                            .toList()
                    : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BosunServer start(TestRepository repository, int port, Path agent, String name) throws IOException {
        return BosunServer.startThisBuildIgnoringHangup(
                port,
                repository,
                List.of(
                        "--bosun.engineers=1",
                        "--bosun.worker.poll-interval=100ms",
                        "--bosun.worker.lock-duration=3s",
                        "--bosun.agent.kind=command",
                        "--bosun.agent.command=sh," + agent + "," + state),
                home.resolve("server-" + name + ".log"));
    }
}
