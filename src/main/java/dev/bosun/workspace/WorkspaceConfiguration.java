package dev.bosun.workspace;

import java.time.Clock;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.events.LogRotation;
import dev.bosun.runtime.Attempts;
import dev.bosun.security.Redactor;

/** Wires the git worktrees and the test runner for the configured repository. */
@Configuration(proxyBeanMethods = false)
public class WorkspaceConfiguration {

    /**
     * Also lists Bosun's runtime files in {@code info/exclude} at start-up, not only with the first
     * worktree: {@code .bosun/secrets/} exists from the first start, and a {@code git add -A} to
     * commit the team file must not take the tokens along.
     */
    @Bean
    Worktrees worktrees(BosunProperties properties) {
        GitCli git = git(properties);
        try {
            InfoExclude.ensure(properties.repository(), git, GitWorktrees.EXCLUDES);
        } catch (GitException | java.io.UncheckedIOException e) {
            LoggerFactory.getLogger(WorkspaceConfiguration.class)
                    .warn(
                            "cannot list Bosun's runtime files in info/exclude" + " of {}: {}",
                            properties.repository(),
                            e.getMessage());
        }
        return new GitWorktrees(properties.repository(), properties.trunk(), git);
    }

    @Bean
    TestRunner testRunner(Redactor redactor, BosunProperties properties) {
        return new ProcessGroupTestRunner(
                System.getenv(),
                redactor::redact,
                new LogRotation(properties.logs().rotateAtBytes(), Clock.systemUTC()));
    }

    @Bean
    CommitTests commitTests(
            BosunProperties properties, TestRunner testRunner, ObjectProvider<TestRunListener> listeners) {
        return CommitTests.told(
                new TestCheckouts(properties.repository(), testRunner, git(properties)),
                listeners.orderedStream().toList());
    }

    /** Git with the configured retries of a command that met another git command's lock. */
    private static GitCli git(BosunProperties properties) {
        return new GitCli(GitCli.DEFAULT_TIMEOUT, properties.retry(), Attempts.Sleeper.THREAD);
    }
}
