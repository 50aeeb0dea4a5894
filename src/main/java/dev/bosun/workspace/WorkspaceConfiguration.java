package dev.bosun.workspace;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.security.Redactor;

/** Wires the git worktrees and the test runner for the configured repository. */
@Configuration(proxyBeanMethods = false)
public class WorkspaceConfiguration {

    @Bean
    Worktrees worktrees(BosunProperties properties) {
        return new GitWorktrees(properties.repository(), properties.trunk());
    }

    @Bean
    TestRunner testRunner(Redactor redactor) {
        return new ProcessGroupTestRunner(redactor::redact);
    }

    @Bean
    CommitTests commitTests(BosunProperties properties, TestRunner testRunner) {
        return new TestCheckouts(properties.repository(), testRunner);
    }
}
