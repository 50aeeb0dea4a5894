package dev.bosun.agent.script;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the built-in {@code script} agent, run in its own small JVM inside a PTY:
 * {@code ScriptAgentMain --prompt-file PATH} (or {@code ScriptAgentMain <prompt>}). The attempt comes from {@code BOSUN_ATTEMPT} (default 1),
 * the working directory is the process's. Exit code: 0 when done (or when the prompt holds no
 * script), 2 for a malformed script, otherwise whatever a {@code run} or {@code exit} step said.
 *
 * <p>Deliberately free of Spring: it must start in a fraction of a second.
 */
public final class ScriptAgentMain {

    /** Exit code for a malformed script or environment. */
    static final int SYNTAX_ERROR = 2;

    /** The option that names the file holding the prompt, as {@code dev.bosun.agent.ScriptAgent} passes it. */
    public static final String PROMPT_FILE_OPTION = "--prompt-file";

    private ScriptAgentMain() {}

    public static void main(String[] args) {
        String prompt;
        try {
            prompt = prompt(args);
        } catch (IOException e) {
            System.out.println("script agent: cannot read the prompt file " + args[1] + ": " + e);
            System.exit(SYNTAX_ERROR);
            return;
        }
        System.exit(run(prompt, System.getenv("BOSUN_ATTEMPT"), Path.of("").toAbsolutePath(), System.out));
    }

    /** {@code --prompt-file PATH} (read as UTF-8), else the first argument, else no prompt. */
    static String prompt(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals(PROMPT_FILE_OPTION)) {
            return Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        }
        return args.length > 0 ? args[0] : "";
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
