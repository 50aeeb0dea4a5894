package dev.bosun.agent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment an agent process starts with: Bosun's own, minus Bosun's own configuration,
 * plus the turn's variables, with {@code PWD} naming the folder it starts in.
 *
 * <p>Why: Bosun is configured through environment variables that hold its secrets (the
 * database password in {@code SPRING_DATASOURCE_PASSWORD}, Tasklist's admin password in
 * {@code BOSUN_ADMIN_PASSWORD}, Camunda's admin user in {@code CAMUNDA_BPM_...}). An agent runs
 * model-written commands, so whatever it can read can end up in a commit, a log or a prompt
 * sent to a model provider. Every variable whose name starts with {@code SPRING_},
 * {@code CAMUNDA_} or {@code BOSUN_ADMIN_} is therefore withheld, matched the way Spring binds
 * them: ignoring case, with {@code .} or {@code -} standing for {@code _}. Everything else is
 * inherited, because agents need their own keys ({@code ANTHROPIC_API_KEY}), {@code PATH} and
 * {@code HOME}. The turn's variables are applied last and always win.
 *
 * <p>Pure functions; the maps passed in are not changed.
 */
final class AgentEnvironment {

    private static final String[] WITHHELD_PREFIXES = {"SPRING_", "CAMUNDA_", "BOSUN_ADMIN_"};
    private static final String WITHHELD_NAME = "BOSUN_ADMIN_PASSWORD";

    private AgentEnvironment() {
    }

    /** {@code parent} without Bosun's own configuration. */
    static Map<String, String> inherited(Map<String, String> parent) {
        Map<String, String> env = new HashMap<>();
        parent.forEach((name, value) -> {
            if (!withheld(name)) {
                env.put(name, value);
            }
        });
        return env;
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
        String normalized = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        if (normalized.equals(WITHHELD_NAME)) {
            return true;
        }
        for (String prefix : WITHHELD_PREFIXES) {
            if (normalized.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
