package dev.bosun.agent;

import java.nio.file.Path;
import java.util.Map;

import dev.bosun.security.InheritedEnvironment;

/**
 * The environment an agent process starts with: Bosun's own minus its configuration and
 * credentials ({@link InheritedEnvironment}, the same filter the test command gets), plus the
 * turn's variables, with {@code PWD} naming the folder it starts in.
 *
 * <p>Pure functions; the maps passed in are not changed.
 */
final class AgentEnvironment {

    private AgentEnvironment() {}

    /** {@code parent} without Bosun's own configuration. */
    static Map<String, String> inherited(Map<String, String> parent) {
        return InheritedEnvironment.of(parent);
    }

    /**
     * The inherited environment, a terminal type for the PTY, {@code turn} on top, and {@code PWD}
     * set to the folder the agent starts in. Without that, {@code PWD} is Bosun's own folder, and a
     * CLI that trusts {@code PWD} over its real working directory works there: opencode 1.18.33 ran
     * its shell tool, and committed, in the folder Bosun was started from instead of the worktree.
     */
    static Map<String, String> forTurn(Map<String, String> parent, Map<String, String> turn, Path workingDirectory) {
        Map<String, String> env = inherited(parent);
        env.put("TERM", "xterm-256color");
        env.putAll(turn);
        env.put("PWD", workingDirectory.toAbsolutePath().normalize().toString());
        return env;
    }

    static boolean withheld(String name) {
        return InheritedEnvironment.withheld(name);
    }
}
