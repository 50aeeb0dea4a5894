package dev.bosun.agent.script;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the built-in {@code script} agent, run in its own small JVM inside a PTY:
 * {@code ScriptAgentMain <prompt>}. The attempt comes from {@code BOSUN_ATTEMPT} (default 1),
 * the working directory is the process's. Exit code: 0 when done (or when the prompt holds no
 * script), 2 for a malformed script, otherwise whatever a {@code run} or {@code exit} step said.
 *
 * <p>Deliberately free of Spring: it must start in a fraction of a second.
 */
public final class ScriptAgentMain {

    /** Exit code for a malformed script or environment. */
    static final int SYNTAX_ERROR = 2;

    private ScriptAgentMain() {}

    public static void main(String[] args) {
        String prompt = args.length > 0 ? args[0] : "";
        System.exit(run(prompt, System.getenv("BOSUN_ATTEMPT"), Path.of("").toAbsolutePath(), System.out));
    }

    /** The whole program minus {@code System.exit}, so tests can call it in-process. */
    static int run(String prompt, String attemptVariable, Path workDir, PrintStream out) {
        int attempt;
        try {
            attempt = attemptVariable == null || attemptVariable.isBlank()
                    ? 1
                    : Integer.parseInt(attemptVariable.strip());
        } catch (NumberFormatException e) {
            out.println("script agent: BOSUN_ATTEMPT must be a number, got '" + attemptVariable + "'");
            return SYNTAX_ERROR;
        }
        Optional<AgentScript> script;
        try {
            script = AgentScript.fromPrompt(prompt);
        } catch (ScriptSyntaxException e) {
            out.println("script agent: " + e.getMessage());
            return SYNTAX_ERROR;
        }
        if (script.isEmpty()) {
            out.println("script agent: the prompt has no " + AgentScript.OPENING_FENCE + " block, nothing to do");
            return 0;
        }
        List<Step> steps = script.get().stepsFor(attempt);
        out.println(
                "script agent: attempt " + attempt + ", " + steps.size() + (steps.size() == 1 ? " step" : " steps"));
        try {
            int code = new ScriptRunner(workDir, out).run(steps);
            out.println("script agent: done, exit code " + code);
            return code;
        } catch (Exception e) {
            out.println("script agent: failed: " + e);
            return 1;
        }
    }
}
