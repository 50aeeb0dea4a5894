package dev.bosun.agent;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.bosun.agent.script.ScriptAgentMain;
import dev.bosun.events.LogRotation;

/**
 * The built-in {@code script} agent: runs
 * {@link dev.bosun.agent.script.ScriptAgentMain} in its own JVM inside a real PTY, reading the
 * prompt from the turn's prompt file ({@code --prompt-file PATH}) with {@code BOSUN_ATTEMPT} set
 * from the request, so a turn is a real process exactly like a model-backed CLI, only deterministic.
 *
 * <p>Thread-safe and stateless; see {@link AgentTurn} for the contract.
 */
public final class ScriptAgent implements AgentTurn {

    static final String MAIN_CLASS = "dev.bosun.agent.script.ScriptAgentMain";

    private final JavaLauncher launcher;
    private final PtyTurnRunner runner;

    public ScriptAgent() {
        this(JavaLauncher.current(), UnaryOperator.identity());
    }

    /**
     * @param logRedaction wraps the terminal log's file stream (known secrets replaced before the disk)
     * @param logRotation  when the terminal log is renamed and started anew
     */
    public ScriptAgent(UnaryOperator<OutputStream> logRedaction, LogRotation logRotation) {
        this(JavaLauncher.current(), logRedaction, logRotation);
    }

    ScriptAgent(JavaLauncher launcher) {
        this(launcher, UnaryOperator.identity());
    }

    ScriptAgent(JavaLauncher launcher, UnaryOperator<OutputStream> logRedaction) {
        this(launcher, logRedaction, LogRotation.off());
    }

    ScriptAgent(JavaLauncher launcher, UnaryOperator<OutputStream> logRedaction, LogRotation logRotation) {
        this.launcher = launcher;
        this.runner = new PtyTurnRunner(logRedaction, logRotation);
    }

    @Override
    public TurnResult run(TurnRequest request) {
        Map<String, String> env = new HashMap<>(request.environment());
        env.put("BOSUN_ATTEMPT", Integer.toString(request.attempt()));
        TurnRequest withAttempt = request.withEnvironment(env);
        // The prompt goes by file, as it can for every kind: an argument is capped (see CommandAgent),
        // and a JVM decodes its arguments in the locale's charset, a file it reads as UTF-8.
        return runner.run(
                launcher.command(
                        MAIN_CLASS,
                        List.of(
                                ScriptAgentMain.PROMPT_FILE_OPTION,
                                request.promptFile().toString())),
                withAttempt);
    }
}
