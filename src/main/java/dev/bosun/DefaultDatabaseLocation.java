package dev.bosun;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the embedded H2 database in {@code <bosun.repository>/.bosun/data/} unless
 * {@code spring.datasource.url} is set, so each repository has its own durable engine state.
 * The path is made absolute here because H2 refuses implicitly relative file paths.
 */
public class DefaultDatabaseLocation implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path repository = Path.of(environment.getProperty("bosun.repository", ".")).toAbsolutePath().normalize();
        String url = "jdbc:h2:file:" + repository.resolve(".bosun/data/bosun") + ";DB_CLOSE_ON_EXIT=FALSE";
        environment.getPropertySources().addLast(new MapPropertySource("bosun-default-database",
                Map.of("spring.datasource.url", url, "spring.datasource.username", "sa",
                        "spring.datasource.password", "")));
    }
}
