package dev.bosun.team;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

import dev.bosun.BeforeBeans;

/**
 * Makes {@code .bosun/team.yaml}'s team-wide settings (trunk, test command and timeout, retries,
 * merge-lock and stall timeouts, plan approval and replans, protected paths) the server's {@code bosun.*} settings. They rank below the
 * command line, system properties and the environment, so {@code --bosun.trunk=x} still wins,
 * and above {@code application.yaml}. An invalid team file stops start-up with its
 * file:line:column message.
 *
 * <p>A bean-factory post-processor rather than an environment post-processor: it runs when the
 * context refreshes, after every property source is in place (a test's dynamic
 * {@code bosun.repository} included), and before any {@code @ConfigurationProperties} is bound.
 * Ordered right after the repository check, so the server's preflight check, next, sees the
 * settings the server will use.
 */
public final class TeamSettingsPropertySource extends BeforeBeans implements PriorityOrdered {

    static final String NAME = "bosunTeamFile";

    @Override
    protected void run(Environment environment) {
        Path repository = Path.of(environment.getProperty("bosun.repository", "."));
        Path teamFile = repository.resolve(".bosun").resolve("team.yaml");
        if (!Files.isRegularFile(teamFile)) {
            return;
        }
        Map<String, Object> settings = settings(TeamFile.load(teamFile));
        MutablePropertySources sources = ((ConfigurableEnvironment) environment).getPropertySources();
        MapPropertySource source = new MapPropertySource(NAME, settings);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    static Map<String, Object> settings(Team team) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bosun.trunk", team.trunk());
        List<String> command = team.testCommand();
        for (int i = 0; i < command.size(); i++) {
            settings.put("bosun.test-command[" + i + "]", command.get(i));
        }
        settings.put("bosun.test-timeout", team.testTimeout().toString());
        settings.put("bosun.max-retries", Integer.toString(team.maxRetries()));
        settings.put("bosun.merge-lock-timeout", team.mergeLockTimeout().toString());
        settings.put("bosun.stall-timeout", team.stallTimeout().toString());
        settings.put("bosun.plan.approval", Boolean.toString(team.planApproval()));
        settings.put("bosun.plan.max-replans", Integer.toString(team.maxReplans()));
        List<String> protectedPaths = team.protectedPaths();
        for (int i = 0; i < protectedPaths.size(); i++) {
            settings.put("bosun.protected-paths[" + i + "]", protectedPaths.get(i));
        }
        return settings;
    }
}
