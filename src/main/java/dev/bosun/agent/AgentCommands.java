package dev.bosun.agent;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.bosun.events.LogRotation;
import dev.bosun.team.AgentKind;

/**
 * The argv Bosun runs for each model-backed agent CLI: non-interactive, allowed to edit files
 * and run commands in its worktree (Bosun's test gate, not the agent's permission prompt, is the
 * check), the prompt as one whole argument (over {@link CommandAgent#MAX_ARGUMENT_BYTES}, an
 * instruction to read the prompt file instead). These argvs follow each CLI's documented flags; the
 * {@code claude}, {@code codex}, {@code gemini} and {@code opencode} ones are also run against
 * the real binaries ({@code ClaudeCodeAgentTest}, {@code CodexAgentTest}, {@code GeminiAgentTest},
 * {@code OpencodeAgentTest}); {@code aider} has not been (see the README).
 */
public final class AgentCommands {

    private AgentCommands() {}

    /**
     * The argv template (with {@code {prompt}}) for a kind; {@code model} may be null.
     *
     * @throws IllegalArgumentException for {@code script} and {@code command}, which have no built-in argv
     */
    public static List<String> template(AgentKind kind, @Nullable String model) {
        List<String> argv = new ArrayList<>();
        switch (kind) {
            case CLAUDE -> {
                // -p is a switch and the prompt a positional argument: after "--", so a prompt that
                // starts with "---" (a prompt file's front matter) is not read as an option (measured
                // with 2.1.328: "unknown option"). stream-json prints one event per line as the turn
                // goes (with "json" nothing came until the end, so every long turn looked stalled);
                // -p refuses it without --verbose ("--output-format=stream-json requires --verbose").
                // ClaudeStreamFormat renders the events and reads the session id and the usage.
                argv.addAll(List.of(
                        "claude",
                        "-p",
                        "--permission-mode",
                        "bypassPermissions",
                        "--output-format",
                        "stream-json",
                        "--verbose"));
                addModel(argv, "--model", model);
                argv.addAll(List.of("--", CommandAgent.PLACEHOLDER));
            }
            case CODEX -> {
                // Measured with codex-cli 0.169.0 in a PTY in a worktree (CodexAgentTest). Its shell
                // tool runs `bash -lc` by default; a login shell reads /etc/profile, which on Debian
                // resets PATH, so .bosun/bin and the role's PATH were gone and `bosun` was not found.
                // allow_login_shell=false makes it `bash -c` with the PATH Bosun gives it.
                // --json prints one event per line (CodexJsonFormat): the thread id a fix turn resumes
                // and the turn's input and output tokens, which the plain output does not split.
                argv.addAll(List.of(
                        "codex",
                        "exec",
                        "--json",
                        "--dangerously-bypass-approvals-and-sandbox",
                        "-c",
                        "allow_login_shell=false"));
                addModel(argv, "--model", model);
                // Without "--" a prompt starting with '-' (a role prompt with "---" front matter) is
                // an unknown option (exit 2), and a prompt that is just "review" runs that subcommand.
                // A fix turn's "resume ID" goes in front of it: `codex exec OPTIONS resume ID -- PROMPT`.
                argv.add("--");
                argv.add(CommandAgent.PLACEHOLDER);
            }
            case GEMINI -> {
                // Measured with Gemini CLI 0.61.0 in a PTY in a worktree (GeminiAgentTest). Its yargs
                // parser will not take a value starting with '-' after "-p" ("Not enough arguments
                // following: p") and ignores a prompt after "--" ("No input provided"), so a prompt with
                // "---" front matter needs "--prompt=PROMPT". In a folder it has not been told to trust it
                // overrides --yolo ("Approval mode overridden to default") and then has no shell tool
                // ("Tool run_shell_command not found"): --skip-trust trusts the worktree.
                // Its text output names neither the session nor the tokens; stream-json does
                // (GeminiStreamFormat). A fix turn's "--resume ID" follows the prompt (no "--" here).
                argv.addAll(List.of("gemini", "--yolo", "--skip-trust", "--output-format", "stream-json"));
                addModel(argv, "--model", model);
                argv.add("--prompt=" + CommandAgent.PLACEHOLDER);
            }
            case OPENCODE -> {
                // Measured with opencode-ai 1.18.33 in a PTY in a worktree (OpencodeAgentTest). Without
                // --auto, `opencode run` auto-rejects a tool call whose permission a config sets to "ask"
                // ("permission requested: bash ...; auto-rejecting"); with it the call runs, like --yolo.
                // The model is PROVIDER/MODEL. After "--" a prompt starting with "---" stays the message;
                // opencode sends it wrapped in double quotes (inner quotes escaped) because it joins its
                // message arguments with spaces and quotes one that holds a space.
                // Its default output names neither the session nor the tokens; --format json does
                // (OpencodeJsonFormat). A fix turn's "--session ID" goes in front of the "--".
                argv.addAll(List.of("opencode", "run", "--auto", "--format", "json"));
                addModel(argv, "--model", model);
                argv.addAll(List.of("--", CommandAgent.PLACEHOLDER));
            }
            case AIDER -> {
                argv.addAll(List.of("aider", "--yes-always", "--no-stream"));
                addModel(argv, "--model", model);
                argv.addAll(List.of("--message", CommandAgent.PLACEHOLDER));
            }
            case SCRIPT, COMMAND ->
                throw new IllegalArgumentException(
                        "agent kind '" + kind.yamlName() + "' has no built-in command; allowed: " + builtIn());
        }
        return List.copyOf(argv);
    }

    /**
     * The agent of a model-backed kind: its {@link #template}, its {@link #resume}, and a prompt too
     * long for one argument passed as a short instruction to read the prompt file
     * ({@link CommandAgent.LongPrompt#POINT_TO_FILE}); a shorter prompt is the argument itself.
     * Claude Code's event stream is shown as readable lines ({@link ClaudeStreamFormat}), which
     * also give the turn's session id and usage.
     *
     * @param model        may be null
     * @param logRedaction wraps the terminal log's file stream (known secrets replaced before the disk)
     * @param logRotation  when the terminal log is renamed and started anew
     * @throws IllegalArgumentException for {@code script} and {@code command}
     */
    public static CommandAgent agent(
            AgentKind kind, @Nullable String model, UnaryOperator<OutputStream> logRedaction, LogRotation logRotation) {
        CommandAgent.Resume resume = resume(kind);
        return new CommandAgent(
                template(kind, model),
                resume,
                CommandAgent.LongPrompt.POINT_TO_FILE,
                format(kind, resume),
                logRedaction,
                logRotation);
    }

    /** How a kind's output is read: its events rendered, its conversation id and usage found. */
    static OutputFormat format(AgentKind kind, CommandAgent.@Nullable Resume resume) {
        return switch (kind) {
            case CLAUDE -> new ClaudeStreamFormat();
            case CODEX -> new CodexJsonFormat();
            case GEMINI -> new GeminiStreamFormat();
            case OPENCODE -> new OpencodeJsonFormat();
            default -> resume == null ? OutputFormat.PLAIN : new SessionIdFormat(resume.sessionId());
        };
    }

    /** {@link #agent(AgentKind, String, UnaryOperator, LogRotation)} with a plain, unrotated log. */
    static CommandAgent agent(AgentKind kind, @Nullable String model) {
        return agent(kind, model, UnaryOperator.identity(), LogRotation.off());
    }

    /** The kinds {@link #template} has an argv for, by yaml name: all but script and command. */
    private static String builtIn() {
        return Arrays.stream(AgentKind.values())
                .filter(k -> k != AgentKind.SCRIPT && k != AgentKind.COMMAND)
                .map(AgentKind::yamlName)
                .collect(Collectors.joining(", "));
    }

    /**
     * How a kind continues a task's conversation in its fix turns, or null when Bosun starts each
     * turn fresh. Claude Code: {@code --resume ID}, the {@code session_id} its stream's first event
     * names (every event names it; a resumed conversation keeps its id, measured with 2.1.328).
     * Codex: {@code resume ID} (the {@code codex exec resume} subcommand, before the {@code --}),
     * the id from {@code thread.started}. Gemini CLI: {@code --resume ID}, the id from the
     * {@code init} event (it also takes "latest" or an index, but an id names this task's session
     * whatever else ran in the worktree). opencode: {@code --session ID}, the id from any event's
     * {@code sessionID}. Each was measured with the real binary: the fix turn's request to the
     * model held the first turn's messages. The {@link #agent} reads the ids with the kind's
     * {@link #format}; the patterns serve a {@link CommandAgent} built with the resume alone.
     * Aider: none (not verified, see the README).
     */
    public static CommandAgent.@Nullable Resume resume(AgentKind kind) {
        if (kind == AgentKind.CLAUDE) {
            return new CommandAgent.Resume(
                    List.of("--resume", CommandAgent.SESSION_PLACEHOLDER),
                    Pattern.compile("\"session_id\"\\s*:\\s*\"([0-9A-Za-z-]{8,})\""));
        }
        return switch (kind) {
            case CODEX ->
                new CommandAgent.Resume(
                        List.of("resume", CommandAgent.SESSION_PLACEHOLDER),
                        Pattern.compile("\"thread_id\"\\s*:\\s*\"([0-9A-Za-z-]{8,})\""));
            case GEMINI ->
                new CommandAgent.Resume(
                        List.of("--resume", CommandAgent.SESSION_PLACEHOLDER),
                        Pattern.compile("\"session_id\"\\s*:\\s*\"([0-9A-Za-z-]{8,})\""));
            case OPENCODE ->
                new CommandAgent.Resume(
                        List.of("--session", CommandAgent.SESSION_PLACEHOLDER),
                        Pattern.compile("\"sessionID\"\\s*:\\s*\"(ses_[0-9A-Za-z]{8,})\""));
            default -> null;
        };
    }

    private static void addModel(List<String> argv, String flag, @Nullable String model) {
        if (model != null && !model.isBlank()) {
            argv.add(flag);
            argv.add(model);
        }
    }
}
