package dev.bosun.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.bosun.team.Member;
import dev.bosun.team.Roster;

/**
 * The secrets Bosun is configured with: the datasource password, the admin password
 * ({@code BOSUN_ADMIN_PASSWORD}, Camunda's admin-user password), the values of Bosun's own
 * environment variables whose names contain KEY, TOKEN, SECRET or PASSWORD (ignoring case: an
 * agent's {@code ANTHROPIC_API_KEY} is inherited by agents, but must not reach a log), and the
 * values of every role's {@code env} entries named that way in team.yaml.
 *
 * <p>Read once at start-up (the team file and the environment are read once too), so
 * {@link #values()} is a constant, thread-safe list.
 */
@Component
class EnvironmentSecrets implements KnownSecrets {

    private static final List<String> SECRET_WORDS = List.of("KEY", "TOKEN", "SECRET", "PASSWORD");
    private static final List<String> SECRET_PROPERTIES =
            List.of("spring.datasource.password", "BOSUN_ADMIN_PASSWORD", "camunda.bpm.admin-user.password");

    private final List<String> values;

    @Autowired
    EnvironmentSecrets(Environment environment, Roster roster) {
        this(environment, System.getenv(), roster);
    }

    EnvironmentSecrets(Environment environment, Map<String, String> processEnvironment, Roster roster) {
        Set<String> found = new LinkedHashSet<>();
        for (String property : SECRET_PROPERTIES) {
            try {
                add(found, environment.getProperty(property));
            } catch (IllegalArgumentException unresolvable) {
                // a placeholder without a value holds no secret
            }
        }
        namedSecret(processEnvironment, found);
        for (Member member : roster.members()) {
            namedSecret(member.role().env(), found);
        }
        this.values = List.copyOf(found);
    }

    @Override
    public Collection<String> values() {
        return values;
    }

    static boolean namesASecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    private static void namedSecret(Map<String, String> variables, Set<String> found) {
        variables.forEach((name, value) -> {
            if (namesASecret(name)) {
                add(found, value);
            }
        });
    }

    private static void add(Set<String> found, String value) {
        if (value != null && !value.isBlank()) {
            found.add(value);
        }
    }
}
