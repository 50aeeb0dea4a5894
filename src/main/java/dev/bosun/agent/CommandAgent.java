package dev.bosun.agent;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bosun.events.LogRotation;

/**
 * The {@code command} agent kind: any CLI, configured as an argv template
 * ({@code bosun.agent.command}). An element equal to {@code {prompt}} becomes the prompt as one
 * argument. No shell is involved, so quotes, spaces and {@code $} in the prompt reach the agent
 * unchanged. An element {@code --option={prompt}} becomes {@code --option=} followed by the whole
 * prompt, for a CLI whose option parser will not take a value that starts with a dash as a
 * separate argument. {@code {prompt}} anywhere else inside a longer element is rejected: in
 * {@code sh -c "run {prompt}"} the task text would become shell code.
 *
 * <p>Thread-safe and stateless; see {@link AgentTurn} for the contract.
 */
public final class CommandAgent implements AgentTurn {

    static final String PLACEHOLDER = "{prompt}";
    static final String SESSION_PLACEHOLDER = "{session}";
    /** {@code --option={prompt}}: the option's whole value is the prompt. */
    private static final Pattern OPTION_WITH_PROMPT =
            Pattern.compile("--[A-Za-z0-9][A-Za-z0-9-]*=" + Pattern.quote(PLACEHOLDER));

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
    private final Resume resume;
    private final PtyTurnRunner runner;

    /**
     * @throws IllegalArgumentException when the template is empty or an element contains
     *                                  {@code {prompt}} as part of a longer string other than
     *                                  {@code --option={prompt}}
     */
    public CommandAgent(List<String> template) {
        this(template, null);
    }

    /** @param resume null for a CLI whose every turn starts a fresh conversation */
    public CommandAgent(List<String> template, Resume resume) {
        this(template, resume, UnaryOperator.identity(), LogRotation.off());
    }

    /**
     * @param logRedaction wraps the terminal log's file stream (known secrets replaced before the disk)
     * @param logRotation  when the terminal log is renamed and started anew
     */
    public CommandAgent(
            List<String> template, Resume resume, UnaryOperator<OutputStream> logRedaction, LogRotation logRotation) {
        this.runner = new PtyTurnRunner(logRedaction, logRotation);
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("bosun.agent.command is empty: the command agent needs an argv, "
                    + "e.g. bosun.agent.command=my-agent,--prompt,{prompt}");
        }
        for (String element : template) {
            if (element.contains(PLACEHOLDER)
                    && !element.equals(PLACEHOLDER)
                    && !OPTION_WITH_PROMPT.matcher(element).matches()) {
                throw new IllegalArgumentException("bosun.agent.command element '" + element + "' contains "
                        + PLACEHOLDER + " inside a longer string, which would let task text be read as shell code; "
                        + "pass " + PLACEHOLDER + " as its own element (or as --option=" + PLACEHOLDER + "), "
                        + "e.g. bosun.agent.command=my-agent,--prompt,{prompt}");
            }
        }
        this.template = List.copyOf(template);
        this.resume = resume;
    }

    @Override
    public TurnResult run(TurnRequest request) {
        TurnResult result = runner.run(argv(request.prompt(), request.resumeSession()), request);
        return resume == null ? result : result.withSession(sessionIn(result.outputTail()));
    }

    List<String> argv(String prompt) {
        return argv(prompt, null);
    }

    /** The resume arguments go before a {@code --} that ends the options, else at the end. */
    List<String> argv(String prompt, String session) {
        List<String> argv = new ArrayList<>(
                template.stream().map(arg -> withPrompt(arg, prompt)).toList());
        if (resume != null && session != null) {
            int endOfOptions = template.indexOf("--");
            List<String> resumeArgs = resume.arguments().stream()
                    .map(arg -> arg.equals(SESSION_PLACEHOLDER) ? session : arg)
                    .toList();
            argv.addAll(endOfOptions < 0 ? argv.size() : endOfOptions, resumeArgs);
        }
        return argv;
    }

    private static String withPrompt(String element, String prompt) {
        if (element.equals(PLACEHOLDER)) {
            return prompt;
        }
        return OPTION_WITH_PROMPT.matcher(element).matches()
                ? element.substring(0, element.length() - PLACEHOLDER.length()) + prompt
                : element;
    }

    /** The last conversation id the output names; null when it names none (the turn failed early). */
    private @Nullable String sessionIn(List<String> output) {
        String found = null;
        for (String line : output) {
            Matcher matcher = resume.sessionId().matcher(line);
            while (matcher.find()) {
                found = matcher.group(1);
            }
        }
        return found;
    }
}
