package dev.bosun.support;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring tests: each test class gets a fresh git repository (and with it a fresh H2
 * database under its {@code .bosun/data}) in a temp folder, and a random port. The context is
 * closed after the class (no other class could reuse it: its repository is its own), so its
 * workers and event writer stop before JUnit deletes the folder they write into.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class RepositoryBackedTest {

    @TempDir
    protected static Path home;

    protected static TestRepository repository;

    @DynamicPropertySource
    static void bosunRepository(DynamicPropertyRegistry registry) {
        registry.add("bosun.repository", () -> repository().root().toString());
        registry.add("server.port", () -> "0");
        // The context closes after the class, maybe with an agent of its last test still hanging on
        // purpose: interrupt at once, as before the grace existed. Tests of the grace set their own.
        registry.add("bosun.stop.turn-grace", () -> "0s");
    }

    /**
     * This class's repository, created on first use, so a subclass can write files into it (such
     * as .bosun/team.yaml) from its own {@code @DynamicPropertySource} before the context starts.
     */
    protected static TestRepository repository() {
        if (repository == null || !repository.root().startsWith(home)) {
            repository = TestRepository.create(home.resolve("repo"));
        }
        return repository;
    }
}
