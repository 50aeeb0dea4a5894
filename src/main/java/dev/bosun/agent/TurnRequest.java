package dev.bosun.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One agent turn.
 *
 * @param member           the engineer, e.g. {@code eng-1}
 * @param taskId           the task being worked on
 * @param attempt          1 for the first turn, 2.. for fix turns
 * @param workingDirectory the engineer's worktree
 * @param prompt           the text given to the agent
 * @param timeout          the agent's process group is killed after this
 * @param logFile          terminal output is appended here ({@code .bosun/logs/<member>.log}); the
 *                         prompt file sits next to it ({@link #promptFile()})
 * @param environment      extra environment for the agent (BOSUN_MEMBER, BOSUN_TASK, ...)
 * @param resumeSession    the conversation an earlier turn of this task left (a fix turn continues
 *                         it where the CLI can resume); null for a fresh conversation
 * @param control          the supervisor's handle on the running turn ({@link MemberAgents} adds it);
 *                         null when nobody supervises it
 */
public record TurnRequest(
        String member,
        @Nullable String taskId,
        int attempt,
        Path workingDirectory,
        String prompt,
        Duration timeout,
        Path logFile,
        Map<String, String> environment,
        @Nullable String resumeSession,
        @Nullable TurnControl control) {

    public TurnRequest(
            String member,
            @Nullable String taskId,
            int attempt,
            Path workingDirectory,
            String prompt,
            Duration timeout,
            Path logFile,
            Map<String, String> environment,
            @Nullable String resumeSession) {
        this(member, taskId, attempt, workingDirectory, prompt, timeout, logFile, environment, resumeSession, null);
    }

    public TurnRequest(
            String member,
            String taskId,
            int attempt,
            Path workingDirectory,
            String prompt,
            Duration timeout,
            Path logFile,
            Map<String, String> environment) {
        this(member, taskId, attempt, workingDirectory, prompt, timeout, logFile, environment, null, null);
    }

    /** The same turn with another prompt (secrets taken out, say). */
    public TurnRequest withPrompt(String newPrompt) {
        return new TurnRequest(
                member,
                taskId,
                attempt,
                workingDirectory,
                newPrompt,
                timeout,
                logFile,
                environment,
                resumeSession,
                control);
    }

    /** The same turn with another environment. */
    TurnRequest withEnvironment(Map<String, String> newEnvironment) {
        return new TurnRequest(
                member,
                taskId,
                attempt,
                workingDirectory,
                prompt,
                timeout,
                logFile,
                newEnvironment,
                resumeSession,
                control);
    }

    /** The same turn under a supervisor's handle. */
    TurnRequest withControl(TurnControl newControl) {
        return new TurnRequest(
                member,
                taskId,
                attempt,
                workingDirectory,
                prompt,
                timeout,
                logFile,
                environment,
                resumeSession,
                newControl);
    }

    public TurnRequest {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(logFile, "logFile");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /**
     * Where the turn's prompt is written, byte for byte, before the agent starts (absolute; given to
     * the agent as {@code BOSUN_PROMPT_FILE} and {@code {prompt_file}}): next to the terminal log,
     * {@code .bosun/logs/<member>.prompt.md}. That folder is Bosun's, private (0700), outside every
     * worktree and excluded from git status, so no agent commits the file. One file per member,
     * replaced at each turn: a member runs one turn at a time.
     */
    public Path promptFile() {
        Path log = logFile.toAbsolutePath().normalize();
        String name = log.getFileName().toString();
        String stem = name.endsWith(".log") ? name.substring(0, name.length() - ".log".length()) : name;
        return log.resolveSibling(stem + ".prompt.md");
    }
}
