package dev.bosun.agent;

import java.util.List;

/**
 * The {@code command} agent kind: any CLI, configured as an argv template
 * ({@code bosun.agent.command}). An element equal to {@code {prompt}} becomes the prompt as one
 * argument; an element containing {@code {prompt}} has it substituted in place. No shell is
 * involved, so quotes, spaces and {@code $} in the prompt reach the agent unchanged.
 *
 * <p>Thread-safe and stateless; see {@link AgentTurn} for the contract.
 */
public final class CommandAgent implements AgentTurn {

    static final String PLACEHOLDER = "{prompt}";

    private final List<String> template;
    private final PtyTurnRunner runner = new PtyTurnRunner();

    /** @throws IllegalArgumentException when the template is empty */
    public CommandAgent(List<String> template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("bosun.agent.command is empty: the command agent needs an argv, "
                    + "e.g. bosun.agent.command=my-agent,--prompt,{prompt}");
        }
        this.template = List.copyOf(template);
    }

    @Override
    public TurnResult run(TurnRequest request) {
        return runner.run(argv(request.prompt()), request);
    }

    List<String> argv(String prompt) {
        return template.stream().map(arg -> arg.replace(PLACEHOLDER, prompt)).toList();
    }
}
