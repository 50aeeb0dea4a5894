package dev.bosun.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.security.Credentials;
import dev.bosun.team.Member;
import dev.bosun.team.Roster;

/**
 * What every turn of a member carries besides its own text: the role's prompt file (read at each
 * turn, so an edit applies to the next turn) in front of the prompt, and the environment: the
 * role's {@code env}, then Bosun's own variables, which a role cannot override (among them the
 * member's own {@code BOSUN_TOKEN}), with this build's {@code bosun} first on PATH.
 */
@Component
public class MemberBriefing {

    private final Roster roster;
    private final Environment environment;
    private final Path binDir;
    private final Credentials credentials;
    private final BosunProperties properties;

    MemberBriefing(Roster roster, Environment environment, BosunProperties properties, Credentials credentials) {
        this.roster = roster;
        this.credentials = credentials;
        this.environment = environment;
        this.properties = properties;
        this.binDir = properties.bosunDir().resolve("bin");
    }

    /** Before any turn: agents find this build's {@code bosun} first on their PATH. */
    @PostConstruct
    void installCli() {
        CliLauncherScript.write(binDir);
    }

    /**
     * A turn of {@code member} with this briefing: the prompt file in front of {@code turnText},
     * the member's environment, the team's turn timeout and the member's terminal log.
     *
     * @param taskId        null for a message turn
     * @param resumeSession the conversation to continue, or null for a fresh one
     */
    public TurnRequest turn(
            String member, String taskId, int attempt, Path workingDirectory, String turnText, String resumeSession) {
        return new TurnRequest(
                member,
                taskId,
                attempt,
                workingDirectory,
                prompt(member, turnText),
                properties.turnTimeout(),
                properties.terminalLog(member),
                environment(member, taskId, attempt),
                resumeSession);
    }

    /**
     * The architect's planning turn: like {@link #turn} without a task, with {@code BOSUN_PLAN} in
     * the environment, so {@code bosun task add} adds to the plan.
     *
     * @param turn the plan's planning turns so far, this one included ({@code BOSUN_ATTEMPT})
     */
    public TurnRequest planTurn(String member, String planId, int turn, Path workingDirectory, String turnText) {
        Map<String, String> env = environment(member, null, turn);
        env.put("BOSUN_PLAN", planId);
        return new TurnRequest(
                member,
                null,
                turn,
                workingDirectory,
                prompt(member, turnText),
                properties.turnTimeout(),
                properties.terminalLog(member),
                env,
                null);
    }

    private String prompt(String member, String turnText) {
        Optional<Path> file = roster.promptFile(member);
        if (file.isEmpty()) {
            return turnText;
        }
        try {
            return Files.readString(file.get()).strip() + "\n\n---\n\n" + turnText;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prompt file of " + member + ": " + file.get(), e);
        }
    }

    /** @param taskId null for a message turn */
    private Map<String, String> environment(String member, String taskId, int attempt) {
        Map<String, String> env = new LinkedHashMap<>(
                roster.member(member).map(Member::role).map(role -> role.env()).orElse(Map.of()));
        String email = member + "@bosun.local";
        env.put("BOSUN_URL", "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080"));
        env.put("BOSUN_MEMBER", member);
        // scoped to this member: add tasks, send messages as itself, read (security.AgentScope)
        env.put("BOSUN_TOKEN", credentials.agentToken(member));
        String path = env.getOrDefault("PATH", System.getenv("PATH"));
        env.put("PATH", binDir + (path == null || path.isEmpty() ? "" : java.io.File.pathSeparator + path));
        if (taskId != null) {
            env.put("BOSUN_TASK", taskId);
        }
        env.put("BOSUN_ATTEMPT", Integer.toString(attempt));
        // commits are authored by the member, not by Bosun
        env.put("GIT_AUTHOR_NAME", member);
        env.put("GIT_AUTHOR_EMAIL", email);
        env.put("GIT_COMMITTER_NAME", member);
        env.put("GIT_COMMITTER_EMAIL", email);
        return env;
    }
}
