package dev.bosun.agent;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bosun.events.LogRotation;
import dev.bosun.team.CommandTemplate;

/**
 * The {@code command} agent kind: any CLI, configured as an argv template
 * ({@code bosun.agent.command}). An element equal to {@code {prompt}} becomes the prompt as one
 * argument; an element equal to {@code {prompt_file}} becomes the absolute path of the file that
 * holds the prompt byte for byte (also in {@code BOSUN_PROMPT_FILE}, see {@link TurnRequest#promptFile()}).
 * No shell is involved, so quotes, spaces and {@code $} in the prompt reach the agent unchanged.
 * An element {@code --option={prompt}} (or {@code --option={prompt_file}}) becomes {@code --option=}
 * followed by the whole prompt (or path), for a CLI whose option parser will not take a value that
 * starts with a dash as a separate argument. A placeholder anywhere else inside a longer element is
 * rejected: in {@code sh -c "run {prompt}"} the task text would become shell code.
 *
 * <p>Linux refuses an argument over 128 KiB ({@code MAX_ARG_STRLEN}; the exec fails, the agent
 * never starts, exit 127 with no output), so a {@code {prompt}} argument is kept at most
 * {@link #MAX_ARGUMENT_BYTES} UTF-8 bytes. Over that, what happens is the agent's {@link LongPrompt}:
 * the turn is refused before anything runs, or the argument becomes a short pointer to the file.
 *
 * <p>Thread-safe and stateless; see {@link AgentTurn} for the contract.
 */
public final class CommandAgent implements AgentTurn {

    static final String PLACEHOLDER = CommandTemplate.PROMPT;
    static final String FILE_PLACEHOLDER = CommandTemplate.PROMPT_FILE;
    static final String SESSION_PLACEHOLDER = "{session}";

    /**
     * The most UTF-8 bytes one argument that carries the prompt may have: well below Linux's
     * 131,072 (which counts the terminating NUL), so the {@code --option=} in front and the
     * environment never tip it over.
     */
    public static final int MAX_ARGUMENT_BYTES = 100_000;

    /** {@code --option={prompt}} or {@code --option={prompt_file}}: the option's whole value is the placeholder. */
    private static final Pattern OPTION_WITH_PLACEHOLDER = Pattern.compile(
            "--[A-Za-z0-9][A-Za-z0-9-]*=(" + Pattern.quote(PLACEHOLDER) + "|" + Pattern.quote(FILE_PLACEHOLDER) + ")");

    /** What a {@code {prompt}} argument over {@link #MAX_ARGUMENT_BYTES} becomes. */
    public enum LongPrompt {
        /**
         * The turn is refused before anything runs ({@link AgentStartException}) naming the size,
         * the limit and the fix: a configured command says itself how it reads a prompt.
         */
        REFUSE,
        /**
         * The argument becomes a short instruction to read the prompt file in full first: a
         * model-backed CLI reads files, and its argv is Bosun's, not the user's, to change.
         */
        POINT_TO_FILE
    }

    /**
     * How a CLI continues a conversation: the arguments appended for a resumed turn (with
     * {@code {session}}), and how its output names the conversation.
     */
    public record Resume(List<String> arguments, Pattern sessionId) {
        public Resume {
            arguments = List.copyOf(arguments);
        }
    }

    private final List<String> template;
    private final @Nullable Resume resume;
    private final LongPrompt longPrompt;
    private final OutputFormat format;
    private final PtyTurnRunner runner;

    /**
     * @throws IllegalArgumentException when the template is empty or an element contains
     *                                  {@code {prompt}} or {@code {prompt_file}} as part of a
     *                                  longer string other than {@code --option=PLACEHOLDER}
     */
    public CommandAgent(List<String> template) {
        this(template, null);
    }

    /** @param resume null for a CLI whose every turn starts a fresh conversation */
    public CommandAgent(List<String> template, @Nullable Resume resume) {
        this(template, resume, LongPrompt.REFUSE, UnaryOperator.identity(), LogRotation.off());
    }

    /**
     * A configured command ({@code bosun.agent.command}): a prompt too long for its argument is refused.
     *
     * @param logRedaction wraps the terminal log's file stream (known secrets replaced before the disk)
     * @param logRotation  when the terminal log is renamed and started anew
     */
    public CommandAgent(
            List<String> template,
            @Nullable Resume resume,
            UnaryOperator<OutputStream> logRedaction,
            LogRotation logRotation) {
        this(template, resume, LongPrompt.REFUSE, logRedaction, logRotation);
    }

    /** @param longPrompt what a {@code {prompt}} argument over {@link #MAX_ARGUMENT_BYTES} becomes */
    public CommandAgent(
            List<String> template,
            @Nullable Resume resume,
            LongPrompt longPrompt,
            UnaryOperator<OutputStream> logRedaction,
            LogRotation logRotation) {
        this(
                template,
                resume,
                longPrompt,
                resume == null ? OutputFormat.PLAIN : new SessionIdFormat(resume.sessionId()),
                logRedaction,
                logRotation);
    }

    /**
     * @param longPrompt what a {@code {prompt}} argument over {@link #MAX_ARGUMENT_BYTES} becomes
     * @param format     how the CLI's output names its conversation and its usage, and how it is shown
     */
    public CommandAgent(
            List<String> template,
            @Nullable Resume resume,
            LongPrompt longPrompt,
            OutputFormat format,
            UnaryOperator<OutputStream> logRedaction,
            LogRotation logRotation) {
        this.format = Objects.requireNonNull(format, "format");
        this.runner = new PtyTurnRunner(logRedaction, logRotation);
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("bosun.agent.command is empty: the command agent needs an argv, "
                    + "e.g. bosun.agent.command=my-agent,--prompt,{prompt}");
        }
        for (String element : template) {
            // the rule team.yaml's validation applies to a role's command too, with the line
            CommandTemplate.misplacedPlaceholder(element).ifPresent(placeholder -> {
                throw new IllegalArgumentException("bosun.agent.command element '" + element + "' contains "
                        + placeholder + " inside a longer string, which would let task text be read as shell "
                        + "code; pass " + placeholder + " as its own element (or as --option=" + placeholder
                        + "), e.g. bosun.agent.command=my-agent,--prompt," + placeholder);
            });
        }
        this.template = List.copyOf(template);
        this.resume = resume;
        this.longPrompt = Objects.requireNonNull(longPrompt, "longPrompt");
    }

    @Override
    public TurnResult run(TurnRequest request) {
        // A CLI that resumes continues the conversation of this very attempt if a stop or a crash cut it short.
        TurnRequest turn = resume == null ? request : SessionFile.resumeIfInterrupted(request);
        return runner.run(argv(turn.prompt(), turn.resumeSession(), turn.promptFile()), turn, format);
    }

    /** The argv for a prompt whose file does not matter (no {@code {prompt_file}}, a short prompt). */
    List<String> argv(String prompt) {
        return argv(prompt, null);
    }

    List<String> argv(String prompt, @Nullable String session) {
        return argv(prompt, session, Path.of("prompt.md").toAbsolutePath());
    }

    /**
     * The resume arguments go before a {@code --} that ends the options, else at the end.
     *
     * @param promptFile where the turn's prompt is written (absolute)
     * @throws AgentStartException when a {@code {prompt}} argument would be too long and this agent refuses
     */
    List<String> argv(String prompt, @Nullable String session, Path promptFile) {
        List<String> argv = new ArrayList<>();
        for (String element : template) {
            argv.add(withPlaceholders(element, prompt, promptFile));
        }
        if (resume != null && session != null) {
            int endOfOptions = template.indexOf("--");
            List<String> resumeArgs = resume.arguments().stream()
                    .map(arg -> arg.equals(SESSION_PLACEHOLDER) ? session : arg)
                    .toList();
            argv.addAll(endOfOptions < 0 ? argv.size() : endOfOptions, resumeArgs);
        }
        return argv;
    }

    private String withPlaceholders(String element, String prompt, Path promptFile) {
        if (element.equals(FILE_PLACEHOLDER) || element.endsWith("=" + FILE_PLACEHOLDER)) {
            return element.substring(0, element.length() - FILE_PLACEHOLDER.length()) + promptFile;
        }
        if (!element.equals(PLACEHOLDER)
                && !OPTION_WITH_PLACEHOLDER.matcher(element).matches()) {
            return element;
        }
        String option = element.substring(0, element.length() - PLACEHOLDER.length());
        String argument = option + prompt;
        int bytes = utf8Length(argument);
        if (bytes <= MAX_ARGUMENT_BYTES) {
            return argument;
        }
        if (longPrompt == LongPrompt.POINT_TO_FILE) {
            return option + pointerTo(promptFile, utf8Length(prompt));
        }
        throw new AgentStartException(
                "cannot start agent '" + template.get(0) + "': the prompt of this turn is " + utf8Length(prompt)
                        + " bytes (UTF-8) and as the argument " + PLACEHOLDER + " it would be " + bytes
                        + " bytes, over the limit of " + MAX_ARGUMENT_BYTES + " bytes for one argument (Linux "
                        + "refuses more than 131072, and the agent could never start); use " + FILE_PLACEHOLDER
                        + " in bosun.agent.command (the path of a file holding the whole prompt) or read the file "
                        + "named by $BOSUN_PROMPT_FILE",
                null);
    }

    /** The short argument that stands for a prompt too long to pass: the file holds it byte for byte. */
    static String pointerTo(Path promptFile, int promptBytes) {
        return "Your instructions for this turn are " + promptBytes
                + " bytes, too long for a command-line argument, so Bosun wrote them, complete, to the file "
                + promptFile + " (UTF-8). Read that whole file first, to its end (with your file tool, or `cat` "
                + "if the file tool cannot reach it), and then follow it exactly as if it were this message. "
                + "Do not start the work before you have read all of it.";
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
