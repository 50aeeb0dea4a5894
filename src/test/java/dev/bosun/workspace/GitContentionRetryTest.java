package dev.bosun.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.BosunProperties;
import dev.bosun.runtime.Attempts;

/**
 * Fails-N-then-succeeds for {@code bosun.retry.git-attempts} and {@code git-wait}, on a real
 * repository: another git command's {@code index.lock} is there for the first attempts and goes
 * away during a wait (the sleeper stand-in removes it, so nothing waits on the wall clock).
 */
class GitContentionRetryTest {

    @TempDir
    Path repo;

    @Test
    void aCommandThatMeetsAnotherCommandsLockRunsAgainWithGrowingWaitsUntilTheLockIsGone() throws Exception {
        Path lock = lockedRepository();
        List<Duration> waits = new ArrayList<>();
        int failures = 3;
        GitCli git = new GitCli(GitCli.DEFAULT_TIMEOUT, BosunProperties.Retry.defaults(), wait -> {
            waits.add(wait);
            if (waits.size() == failures) {
                delete(lock);
            }
        });

        GitCli.Result result = git.run(repo, "add", "new.txt");

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(waits)
                .as("three failed attempts, the fourth succeeded")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    }

    @Test
    void aLockThatStaysFailsTheCommandAfterTheConfiguredAttempts() throws Exception {
        lockedRepository();
        BosunProperties.Retry d = BosunProperties.Retry.defaults();
        BosunProperties.Retry threeAttempts = new BosunProperties.Retry(
                d.claimBackoffPolls(),
                d.fetchBackoffPolls(),
                d.deliveryBackoffPolls(),
                d.reportAttempts(),
                d.reportWait(),
                d.transientRetries(),
                d.failedTurnWait(),
                3,
                Duration.ofMillis(1));
        List<Duration> waits = new ArrayList<>();
        Attempts.Sleeper recording = waits::add;

        GitCli.Result result = new GitCli(GitCli.DEFAULT_TIMEOUT, threeAttempts, recording).run(repo, "add", "new.txt");

        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("index.lock");
        assertThat(waits).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2));
    }

    /** A repository with a new file to add and the index locked, as by a git command under way. */
    private Path lockedRepository() throws IOException {
        GitFixture.repository(repo, "exit 0\n");
        Files.writeString(repo.resolve("new.txt"), "new\n");
        return Files.createFile(repo.resolve(".git/index.lock"));
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
