package dev.bosun.health;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * UP when Bosun's repository opens with JGit and its HEAD resolves to a commit; the trunk's tip is
 * a detail (a missing trunk is the preflight's to report, and a task's to escalate). Opened anew
 * at every check: a repository moved or deleted under a running server shows DOWN at once.
 */
final class GitHealth implements HealthIndicator {

    private final Path repository;
    private final String trunk;

    GitHealth(Path repository, String trunk) {
        this.repository = repository;
        this.trunk = trunk;
    }

    @Override
    public Health health() {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .findGitDir(repository.toAbsolutePath().toFile())
                .setMustExist(true);
        if (builder.getGitDir() == null) {
            return Health.down()
                    .withDetail("error", "no git repository at " + repository.toAbsolutePath())
                    .build();
        }
        try (Repository git = builder.build()) {
            ObjectId head = git.resolve("HEAD^{commit}");
            if (head == null) {
                return Health.down()
                        .withDetail("error", "HEAD of " + git.getDirectory() + " does not resolve to a commit")
                        .build();
            }
            ObjectId trunkTip = git.resolve("refs/heads/" + trunk);
            return Health.up()
                    .withDetail("head", head.name())
                    .withDetail("trunk", trunk)
                    .withDetail("trunkTip", trunkTip == null ? "missing" : trunkTip.name())
                    .build();
        } catch (IOException | RuntimeException e) {
            return Health.down()
                    .withDetail("error", "cannot open " + repository.toAbsolutePath() + ": " + e.getMessage())
                    .build();
        }
    }
}
