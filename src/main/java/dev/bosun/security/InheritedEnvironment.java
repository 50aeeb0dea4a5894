package dev.bosun.security;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The part of Bosun's own environment that the processes it starts (agents and the test command)
 * may inherit: everything except Bosun's configuration and credentials.
 *
 * <p>Why: Bosun is configured through environment variables that hold its secrets (the database
 * password in {@code SPRING_DATASOURCE_PASSWORD}, the admin password in
 * {@code BOSUN_ADMIN_PASSWORD}, Camunda's admin user in {@code CAMUNDA_BPM_...}, the person's API
 * token in {@code BOSUN_API_TOKEN}). Agents run model-written commands and a test command runs
 * code an agent wrote, so whatever either can read can end up in a commit, a log or a prompt sent
 * to a model provider. Withheld, matched the way Spring binds names (ignoring case, {@code .} or
 * {@code -} standing for {@code _}):
 * <ul>
 *   <li>every name starting with {@code SPRING_}, {@code CAMUNDA_} or {@code BOSUN_ADMIN_};
 *   <li>every {@code BOSUN_} name that names a credential: containing {@code PASSWORD},
 *       {@code TOKEN}, {@code SECRET} or {@code KEY} ({@code BOSUN_API_TOKEN} among them). An
 *       agent's own {@code BOSUN_TOKEN} is not inherited either: it is set per turn on top.
 * </ul>
 * Everything else is inherited, because agents need their own keys ({@code ANTHROPIC_API_KEY}),
 * {@code PATH} and {@code HOME}; values of such keys are still redacted from what Bosun stores.
 *
 * <p>Pure functions; the map passed in is not changed.
 */
public final class InheritedEnvironment {

    private static final String[] WITHHELD_PREFIXES = {"SPRING_", "CAMUNDA_", "BOSUN_ADMIN_"};
    private static final String[] CREDENTIAL_WORDS = {"PASSWORD", "TOKEN", "SECRET", "KEY"};

    private InheritedEnvironment() {}

    /** {@code parent} without Bosun's own configuration and credentials; a new, mutable map. */
    public static Map<String, String> of(Map<String, String> parent) {
        Map<String, String> env = new HashMap<>();
        parent.forEach((name, value) -> {
            if (!withheld(name)) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** Whether a variable of this name is kept from the processes Bosun starts. */
    public static boolean withheld(String name) {
        String normalized = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        for (String prefix : WITHHELD_PREFIXES) {
            if (normalized.startsWith(prefix)) {
                return true;
            }
        }
        if (normalized.startsWith("BOSUN_")) {
            for (String word : CREDENTIAL_WORDS) {
                if (normalized.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }
}
