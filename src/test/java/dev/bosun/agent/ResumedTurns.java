package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.bosun.support.AgentCliTest;
import dev.bosun.support.TestTimeouts;
import dev.bosun.team.AgentKind;

/**
 * Two turns of one real agent CLI in a PTY, in a fresh git repository, the way Bosun runs a task
 * whose first turn failed its tests: the first turn starts a conversation, the fix turn is a new
 * process given the first turn's conversation id. The scripted model runs {@link #FIRST_COMMAND}
 * for the first prompt and {@link #FIX_COMMAND} for the fix prompt; each prompt starts with
 * {@code ---} (a role prompt's front matter), which the CLI must keep as the prompt.
 */
final class ResumedTurns {

    static final String FIRST_PROMPT = "---\nrole: engineer\n---\nFirst turn: write first.txt.";
    static final String FIX_PROMPT = "---\nrole: engineer\n---\nFix turn: the tests failed, write fix.txt.";
    static final String FIRST_OUTPUT = "first-command-ran";
    static final String FIRST_COMMAND = "printf 'first\\n' > first.txt && echo " + FIRST_OUTPUT;
    static final String FIX_COMMAND = "printf 'fix\\n' > fix.txt && echo fix-command-ran";

    /** What the two turns left: their results, the repository and its terminal log. */
    record Turns(TurnResult first, TurnResult fix, Path repository, String terminal) {}

    private ResumedTurns() {}

    /** The command the scripted model runs for a turn's newest user text. */
    static String commandFor(String prompt) {
        return prompt.contains("Fix turn") ? FIX_COMMAND : FIRST_COMMAND;
    }

    /**
     * Runs both turns of {@code kind} with {@code environment} (the CLIs' folder is put first on
     * the PATH) and checks that both ran their command.
     */
    static Turns run(AgentKind kind, String model, Path folder, Map<String, String> environment) {
        try {
            Path repository = Files.createDirectories(folder.resolve("work"));
            AgentTestSupport.exec(repository, "git", "init", "-q", "-b", "main");
            Map<String, String> env = new HashMap<>(AgentTestSupport.GIT_IDENTITY);
            env.putAll(environment);
            env.put(
                    "PATH",
                    Path.of(System.getenv(AgentCliTest.AGENT_CLIS), "node_modules", ".bin")
                            + File.pathSeparator
                            + System.getenv("PATH"));
            Path log = folder.resolve("logs/dev.log");
            Files.createDirectories(log.getParent());
            CommandAgent agent = AgentCommands.agent(kind, model);
            TurnResult first = agent.run(request(repository, log, 1, FIRST_PROMPT, env, null));
            TurnResult fix = agent.run(request(repository, log, 2, FIX_PROMPT, env, first.sessionId()));
            String terminal = Files.readString(log).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
            assertThat(first.succeeded()).as(terminal).isTrue();
            assertThat(fix.succeeded()).as(terminal).isTrue();
            assertThat(repository.resolve("first.txt")).as(terminal).hasContent("first");
            assertThat(repository.resolve("fix.txt")).as(terminal).hasContent("fix");
            return new Turns(first, fix, repository, terminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TurnRequest request(
            Path repository, Path log, int attempt, String prompt, Map<String, String> env, String session) {
        return new TurnRequest(
                "dev",
                "T-1",
                attempt,
                repository,
                prompt,
                TestTimeouts.scaled(Duration.ofSeconds(120)),
                log,
                env,
                session);
    }
}
