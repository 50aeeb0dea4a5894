package dev.bosun.agent.script;

/** A {@code bosun-script} block that cannot be parsed; the message names the line within the block. */
public final class ScriptSyntaxException extends Exception {

    private final int line;

    ScriptSyntaxException(int line, String problem) {
        super("bosun-script line " + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based line within the block (the line after the opening fence is 1). */
    public int line() {
        return line;
    }
}
