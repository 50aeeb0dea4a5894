package dev.bosun.agent;

import java.util.List;

/**
 * The {@code command} agent kind: any CLI, configured as an argv template
 * ({@code bosun.agent.command}). An element equal to {@code {prompt}} becomes the prompt as one
 * argument. No shell is involved, so quotes, spaces and {@code $} in the prompt reach the agent
 * unchanged. {@code {prompt}} inside a longer element is rejected: in {@code sh -c "run {prompt}"}
 * the task text would become shell code.
 *
 * <p>Thread-safe and stateless; see {@link AgentTurn} for the contract.
 */
public final class CommandAgent implements AgentTurn {

    static final String PLACEHOLDER = "{prompt}";

    private final List<String> template;
    private final PtyTurnRunner runner = new PtyTurnRunner();

    /**
     * @throws IllegalArgumentException when the template is empty or an element contains
     *                                  {@code {prompt}} as part of a longer string
     */
    public CommandAgent(List<String> template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("bosun.agent.command is empty: the command agent needs an argv, "
                    + "e.g. bosun.agent.command=my-agent,--prompt,{prompt}");
        }
        for (String element : template) {
            if (element.contains(PLACEHOLDER) && !element.equals(PLACEHOLDER)) {
                throw new IllegalArgumentException("bosun.agent.command element '" + element + "' contains "
                        + PLACEHOLDER + " inside a longer string, which would let task text be read as shell code; "
                        + "pass " + PLACEHOLDER + " as its own element, "
                        + "e.g. bosun.agent.command=my-agent,--prompt,{prompt}");
            }
        }
        this.template = List.copyOf(template);
    }

    @Override
    public TurnResult run(TurnRequest request) {
        return runner.run(argv(request.prompt()), request);
    }

    List<String> argv(String prompt) {
        return template.stream().map(arg -> arg.equals(PLACEHOLDER) ? prompt : arg).toList();
    }
}
