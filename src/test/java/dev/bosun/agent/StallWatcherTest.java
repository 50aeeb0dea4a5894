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

/**
 * A real scripted agent in a real PTY: a turn that goes quiet is reported once as
 * member_stalled; a turn that keeps printing is not, and neither is a member with no turn.
 */
class StallWatcherTest {

    private static final Duration STALL = Duration.ofMillis(1500);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aQuietTurnIsReportedOnceAndAChattyOneNever() throws Exception {
        MemberActivity activity = new MemberActivity();
        EventLog events = new EventLog(dir.resolve("events.jsonl"), 1_000_000);
        StallWatcher watcher = new StallWatcher(activity, events, STALL, Clock.systemUTC());
        AgentTurn agents = new MemberAgents(Map.of(), new ScriptAgent(), activity);

        CompletableFuture<TurnResult> quiet = CompletableFuture.supplyAsync(
                () -> agents.run(turn("eng-1", "```bosun-script\nsay thinking\nsleep 4s\n```\n")));
        CompletableFuture<TurnResult> chatty = CompletableFuture.supplyAsync(
                () -> agents.run(turn("eng-2", "```bosun-script\n" + "say tick\nsleep 300ms\n".repeat(13) + "```\n")));

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
        Await.until(
                "both turns to end",
                PATIENCE,
                () -> checkThenRead(watcher, events),
                lines -> quiet.isDone() && chatty.isDone());
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
                    Duration.ofSeconds(30),
                    dir.resolve(member + ".log"),
                    Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
