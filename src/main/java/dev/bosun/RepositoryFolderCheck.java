package dev.bosun;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the server when {@code bosun.repository} does not exist, is not a folder, or
 * is not a git repository (no {@code .git} in it, file or folder: the test the {@code bosun}
 * command uses to find a repository). Without
 * it, start-up created the folder and wrote {@code .bosun/} into it, and the first task failed
 * much later in git.
 *
 * <p>A bean-factory post-processor ordered right after the demo's (which creates its sample
 * repository, {@link Ordered#HIGHEST_PRECEDENCE}) and before every other one: {@link
 * PrivateFolders} and the team file's settings would otherwise create {@code .bosun/} first, and
 * H2 its data folder. The failure is reported by {@link Analyzer} as Spring Boot's "APPLICATION
 * FAILED TO START" block, whose description is one line naming the path, without a stack trace.
 */
public final class RepositoryFolderCheck extends BeforeBeans implements PriorityOrdered {

    @Override
    protected void run(Environment environment) {
        Path repository = Path.of(environment.getProperty("bosun.repository", "."))
                .toAbsolutePath()
                .normalize();
        String problem = problem(repository);
        if (problem != null) {
            throw new NotARepository("bosun.repository " + repository + " " + problem);
        }
    }

    /** What is wrong with {@code repository} as Bosun's repository, or null when nothing is. */
    static @Nullable String problem(Path repository) {
        if (!Files.exists(repository)) {
            return "does not exist (Bosun does not create it)";
        }
        if (!Files.isDirectory(repository)) {
            return "is not a folder";
        }
        if (!Files.exists(repository.resolve(".git"))) {
            return "is not a git repository (no .git in it)";
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    /** Start-up refused: {@code bosun.repository} cannot be Bosun's repository. */
    public static final class NotARepository extends IllegalStateException {
        NotARepository(String message) {
            super(message);
        }
    }

    /** Registered in {@code META-INF/spring.factories}: the one-line description instead of a stack trace. */
    public static final class Analyzer extends AbstractFailureAnalyzer<NotARepository> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, NotARepository cause) {
            return new FailureAnalysis(
                    cause.getMessage(),
                    "Give --bosun.repository=PATH the top folder of a git repository (git init makes one);"
                            + " bosun start does so for the repository it runs in.",
                    cause);
        }
    }
}
