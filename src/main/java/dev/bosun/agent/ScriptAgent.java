package dev.bosun.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code script} agent: runs
 * {@link dev.bosun.agent.script.ScriptAgentMain} in its own JVM inside a real PTY, with the
 * prompt as its only argument and {@code BOSUN_ATTEMPT} set from the request, so a turn is a
 * real process exactly like a model-backed CLI, only deterministic.
 *
 * <p>Thread-safe and stateless; see {@link AgentTurn} for the contract.
 */
public final class ScriptAgent implements AgentTurn {

    static final String MAIN_CLASS = "dev.bosun.agent.script.ScriptAgentMain";

    private final JavaLauncher launcher;
    private final PtyTurnRunner runner = new PtyTurnRunner();

    public ScriptAgent() {
        this(JavaLauncher.current());
    }

    ScriptAgent(JavaLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public TurnResult run(TurnRequest request) {
        Map<String, String> env = new HashMap<>(request.environment());
        env.put("BOSUN_ATTEMPT", Integer.toString(request.attempt()));
        TurnRequest withAttempt = new TurnRequest(request.member(), request.taskId(), request.attempt(),
                request.workingDirectory(), request.prompt(), request.timeout(), request.logFile(), env);
        return runner.run(launcher.command(MAIN_CLASS, List.of(request.prompt())), withAttempt);
    }
}
