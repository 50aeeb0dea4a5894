package dev.bosun.team;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for where a {@code command} agent's argv template may hold its placeholders, shared by
 * team.yaml's validation (a role's {@code command}, reported with its line) and the agent itself
 * ({@code agent.CommandAgent}, which also checks {@code bosun.agent.command}): {@code {prompt}} or
 * {@code {prompt_file}} only as a whole element, or as the whole value of {@code --option=}. Anywhere
 * else inside a longer element it is refused: in {@code sh -c "run {prompt}"} the task text would
 * become shell code. Stateless.
 */
public final class CommandTemplate {

    /** Becomes the prompt as one argument. */
    public static final String PROMPT = "{prompt}";

    /** Becomes the absolute path of the file that holds the prompt byte for byte. */
    public static final String PROMPT_FILE = "{prompt_file}";

    private static final Pattern OPTION_WITH_PLACEHOLDER = Pattern.compile(
            "--[A-Za-z0-9][A-Za-z0-9-]*=(" + Pattern.quote(PROMPT) + "|" + Pattern.quote(PROMPT_FILE) + ")");

    private CommandTemplate() {}

    /**
     * The placeholder {@code element} holds inside a longer string, where it is refused; empty when
     * the element holds none, is one, or is {@code --option=} followed by one.
     */
    public static Optional<String> misplacedPlaceholder(String element) {
        for (String placeholder : List.of(PROMPT, PROMPT_FILE)) {
            if (element.contains(placeholder)
                    && !element.equals(placeholder)
                    && !OPTION_WITH_PLACEHOLDER.matcher(element).matches()) {
                return Optional.of(placeholder);
            }
        }
        return Optional.empty();
    }
}
