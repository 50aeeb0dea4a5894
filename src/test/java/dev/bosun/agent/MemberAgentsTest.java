package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real scripted agents in real PTYs: two turns of one member (a review and a message turn, say)
 * run one after the other, while turns of different members run side by side.
 */
class MemberAgentsTest {

    private static final String SLOW = "```bosun-script\nsay working\nsleep 1500ms\n```\n";

    @TempDir
    Path dir;

    @Test
    void theAgentIsGivenThePromptAndGivesBackItsOutputWithKnownSecretsReplaced() {
        List<TurnRequest> given = new java.util.concurrent.CopyOnWriteArrayList<>();
        AgentTurn recording = request -> {
            given.add(request);
            return new TurnResult(0, false, Duration.ZERO, List.of("env:", "DB_PASSWORD=db-password-1"), "session-1");
        };
        MemberAgents agents = new MemberAgents(
                Map.of(), recording, new MemberActivity(), text -> text.replace("db-password-1", "[redacted]"));

        TurnResult result = agents.run(new TurnRequest(
                "eng-1",
                "T-1",
                2,
                dir,
                "fix it; the log said db-password-1",
                Duration.ofSeconds(5),
                dir.resolve("eng-1.log"),
                Map.of("A", "1"),
                "session-1"));

        assertThat(result.outputTail())
                .as("redacted before anyone cuts it")
                .containsExactly("env:", "DB_PASSWORD=[redacted]");
        assertThat(result.sessionId()).isEqualTo("session-1");

        assertThat(given).singleElement().satisfies(request -> {
            assertThat(request.prompt()).isEqualTo("fix it; the log said [redacted]");
            assertThat(request.resumeSession()).isEqualTo("session-1");
            assertThat(request.environment()).containsEntry("A", "1");
        });
    }

    @Test
    void oneMemberRunsOneTurnAtATimeAndMembersRunSideBySide() throws Exception {
        MemberAgents agents = new MemberAgents(Map.of(), new ScriptAgent(), new MemberActivity());

        CompletableFuture<TurnResult> review =
                CompletableFuture.supplyAsync(() -> agents.run(turn("manager", "review")));
        CompletableFuture<TurnResult> messages =
                CompletableFuture.supplyAsync(() -> agents.run(turn("manager", "messages")));
        CompletableFuture<TurnResult> other = CompletableFuture.supplyAsync(() -> agents.run(turn("eng-1", "task")));
        CompletableFuture.allOf(review, messages, other).join();

        List<String> managerLog = frames(dir.resolve("manager.log"));
        assertThat(managerLog).hasSize(4);
        assertThat(managerLog.get(0)).startsWith("=== turn");
        assertThat(managerLog.get(1))
                .as("the first turn ended before the second began")
                .startsWith("=== end turn");
        assertThat(managerLog.get(2)).startsWith("=== turn");
        assertThat(managerLog.get(3)).startsWith("=== end turn");
        Duration managerTotal = review.get().duration().plus(messages.get().duration());
        assertThat(managerTotal).isGreaterThan(Duration.ofMillis(3000));
        assertThat(other.get().exitCode()).isZero();
    }

    @Test
    void everyFinishedTurnIsRecordedWithWhatItCostAndWhenItStarted() {
        List<TurnRecord> recorded = new CopyOnWriteArrayList<>();
        TurnUsage usage = new TurnUsage(1200, 340, new BigDecimal("0.0123"));
        AgentTurn agent = request -> new TurnResult(3, true, Duration.ofSeconds(42), List.of(), null, usage);
        Instant now = Instant.parse("2030-01-01T10:00:00Z");
        MemberAgents agents = new MemberAgents(
                Map.of(),
                agent,
                new MemberActivity(),
                UnaryOperator.identity(),
                recorded::add,
                Clock.fixed(now, ZoneOffset.UTC));

        agents.run(turn("eng-1", "7"));
        agents.run(new TurnRequest(
                "eng-2", null, 4, dir, "your messages", Duration.ofSeconds(5), dir.resolve("eng-2.log"), Map.of()));

        assertThat(recorded)
                .containsExactly(
                        new TurnRecord("eng-1", "7", 1, now, Duration.ofSeconds(42), 3, true, usage),
                        new TurnRecord("eng-2", null, 4, now, Duration.ofSeconds(42), 3, true, usage));
    }

    @Test
    void aLedgerThatFailsDoesNotFailTheTurn() {
        TurnResult done = new TurnResult(0, false, Duration.ofSeconds(1), List.of("done"));
        MemberAgents agents = new MemberAgents(
                Map.of(),
                request -> done,
                new MemberActivity(),
                UnaryOperator.identity(),
                turn -> {
                    throw new IllegalStateException("database is gone");
                },
                Clock.systemUTC());

        assertThat(agents.run(turn("eng-1", "7"))).isEqualTo(done);
    }

    @Test
    void aTurnThatEndedByAnExceptionIsNotRecorded() {
        List<TurnRecord> recorded = new CopyOnWriteArrayList<>();
        MemberAgents agents = new MemberAgents(
                Map.of(),
                request -> {
                    throw new TurnInterruptedException("turn of eng-1 on task 7 interrupted");
                },
                new MemberActivity(),
                UnaryOperator.identity(),
                recorded::add,
                Clock.systemUTC());

        assertThatThrownBy(() -> agents.run(turn("eng-1", "7"))).isInstanceOf(TurnInterruptedException.class);
        assertThat(recorded).isEmpty();
    }

    private static List<String> frames(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.startsWith("=== "))
                .toList();
    }

    private TurnRequest turn(String member, String task) {
        try {
            Path work = Files.createDirectories(dir.resolve(member + "-" + task));
            return new TurnRequest(
                    member, task, 1, work, SLOW, Duration.ofSeconds(30), dir.resolve(member + ".log"), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
