package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/**
 * A real scripted agent in a real PTY: a turn that goes quiet is reported once as
 * member_stalled; a turn that keeps printing is not, and neither is a member with no turn.
 */
class StallWatcherTest {

    private static final Duration STALL = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    @Test
    void aQuietTurnIsReportedOnceAndAChattyOneNever() throws Exception {
        MemberActivity activity = new MemberActivity();
        EventLog events = new EventLog(dir.resolve("events.jsonl"), 1_000_000);
        StallWatcher watcher = new StallWatcher(activity, events, STALL, Clock.systemUTC());
        AgentTurn agents = new MemberAgents(Map.of(), new ScriptAgent(), activity);

        CompletableFuture<TurnResult> quiet = CompletableFuture.supplyAsync(() -> agents.run(
                turn("eng-1", "```bosun-script\nsay thinking\nsleep 4s\n```\n")));
        CompletableFuture<TurnResult> chatty = CompletableFuture.supplyAsync(() -> agents.run(
                turn("eng-2", "```bosun-script\n" + "say tick\nsleep 300ms\n".repeat(13) + "```\n")));

        long deadline = System.nanoTime() + Duration.ofMillis(3500).toNanos();
        while (System.nanoTime() < deadline) {
            watcher.check();
            Thread.sleep(100);
        }
        assertThat(activity.turn("eng-1")).hasValueSatisfying(t -> assertThat(t.task()).isEqualTo("T-eng-1"));
        quiet.get();
        chatty.get();
        watcher.check();

        List<String> lines = Files.readAllLines(events.file());
        assertThat(lines).filteredOn(l -> l.contains("\"member_stalled\"")).hasSize(1).first().asString()
                .contains("\"member\":\"eng-1\"").contains("\"task\":\"T-eng-1\"").contains("stall_timeout");
        assertThat(activity.membersInTurn()).isEmpty();
    }

    private TurnRequest turn(String member, String prompt) {
        try {
            Path work = Files.createDirectories(dir.resolve(member));
            return new TurnRequest(member, "T-" + member, 1, work, prompt, Duration.ofSeconds(30),
                    dir.resolve(member + ".log"), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
