package dev.bosun.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

import dev.bosun.BeforeBeans;

/**
 * The demo's team, an architect and two engineers with the script agent, written with the sample
 * repository before the team file is read (a {@link PriorityOrdered} post-processor runs before
 * {@code TeamSettingsPropertySource}), so the first demo start already has an architect to plan
 * with. A team file that exists is left as it is.
 */
final class DemoTeam extends BeforeBeans implements PriorityOrdered {

    /** The timeouts of application-demo.yaml: the team file's settings rank above it. */
    static final String TEAM_FILE = """
            # The Bosun demo's team: the built-in script agent follows the bosun-script blocks of its prompts.
            name: demo
            agent: script
            test_command: [sh, test.sh]
            test_timeout: 1m
            max_retries: 2
            roles:
              - {name: architect, role_type: architect}
              - {name: eng, role_type: engineer, instances: 2}
            """;

    @Override
    protected void run(Environment environment) {
        Path repository = Path.of(environment.getProperty("bosun.repository", "."));
        SampleRepository.createIfMissing(repository);
        Path teamFile = repository.resolve(".bosun").resolve("team.yaml");
        if (Files.exists(teamFile)) {
            return;
        }
        try {
            Files.createDirectories(teamFile.getParent());
            Files.writeString(teamFile, TEAM_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo team file " + teamFile, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
