package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
