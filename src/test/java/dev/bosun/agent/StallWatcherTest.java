package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.events.EventLog;
import dev.bosun.support.Await;
import dev.bosun.support.MarkerFiles;
import dev.bosun.support.TestTimeouts;

/**
 * A real scripted agent in a real PTY: a turn that goes quiet is reported once as
 * member_stalled; a turn that keeps printing is not, and neither is a member with no turn (once
 * both turns ended).
 */
class StallWatcherTest {

    /**
     * Fixed, not scaled: it is the behaviour under test. Load cannot flip the outcome because the
     * test decides when the watcher looks: the quiet turn stays quiet and the chatty one keeps
     * printing every 200 ms until the test tells both to stop (a file), and the watcher only looks
     * while both run. So "chatty" needs a 3 s starvation of a 200 ms loop to be counted as stalled
     * (15 times its period), and the quiet turn is sure to be still running when it is reported.
     * The earlier version (1.5 s against a 300 ms tick, turns ending on their own while the
     * watcher looked) counted the chatty agent as stalled on a loaded 2-core machine.
     */
    private static final Duration STALL = Duration.ofSeconds(3);

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aQuietTurnIsReportedOnceAndAChattyOneNever() throws Exception {
        MemberActivity activity = new MemberActivity();
        EventLog events = new EventLog(dir.resolve("events.jsonl"), 1_000_000);
        StallWatcher watcher = new StallWatcher(activity, events, STALL, Clock.systemUTC());
        AgentTurn agents = new MemberAgents(Map.of(), new ScriptAgent(), activity);
        Path stop = dir.resolve("stop");

        CompletableFuture<TurnResult> quiet = CompletableFuture.supplyAsync(() ->
                agents.run(turn("eng-1", "```bosun-script\nsay thinking\n" + MarkerFiles.awaitStep(stop) + "\n```\n")));
        CompletableFuture<TurnResult> chatty = CompletableFuture.supplyAsync(() -> agents.run(turn(
                "eng-2",
                "```bosun-script\nrun sh -c \"until [ -e " + stop + " ]; do echo tick; sleep 0.2; done\"\n```\n")));

        // Watch from their first output on: a slow start of the agent's JVM is not what this test is about.
        Await.until(
                "both agents printing",
                PATIENCE,
                () -> read(dir.resolve("eng-1.log")) + read(dir.resolve("eng-2.log")),
                logs -> logs.contains("thinking") && logs.contains("tick"));
        Await.until(
                "eng-1 reported stalled",
                PATIENCE,
                () -> checkThenRead(watcher, events),
                lines -> lines.stream().anyMatch(l -> l.contains("\"member_stalled\"")));
        assertThat(activity.turn("eng-1"))
                .as("reported while its turn still runs")
                .hasValueSatisfying(t -> assertThat(t.task()).isEqualTo("T-eng-1"));
        assertThat(activity.turn("eng-2"))
                .as("the watcher looked while the chatty turn ran")
                .isPresent();
        watcher.check();

        // The turns end; the watcher does not look while they do, as a turn's last output and its
        // end are apart by a process exit, which on a busy machine can take longer than STALL.
        MarkerFiles.create(stop);
        Await.until("both turns to end", PATIENCE, () -> quiet.isDone() && chatty.isDone(), done -> done);
        quiet.get();
        chatty.get();
        watcher.check();

        List<String> lines = Files.readAllLines(events.file());
        assertThat(lines)
                .filteredOn(l -> l.contains("\"member_stalled\""))
                .hasSize(1)
                .first()
                .asString()
                .contains("\"member\":\"eng-1\"")
                .contains("\"task\":\"T-eng-1\"")
                .contains("stall_timeout");
        assertThat(activity.membersInTurn()).isEmpty();
    }

    /** One watcher round, then the events so far; the scripted turns take real time, so the test polls. */
    private static List<String> checkThenRead(StallWatcher watcher, EventLog events) {
        watcher.check();
        return read(events.file()).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TurnRequest turn(String member, String prompt) {
        try {
            Path work = Files.createDirectories(dir.resolve(member));
            return new TurnRequest(
                    member,
                    "T-" + member,
                    1,
                    work,
                    prompt,
                    // A limit, not behaviour: the turns run until the test stops them.
                    TestTimeouts.scaled(Duration.ofSeconds(60)),
                    dir.resolve(member + ".log"),
                    Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
