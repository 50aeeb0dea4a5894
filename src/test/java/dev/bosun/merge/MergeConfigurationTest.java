package dev.bosun.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bosun.BosunProperties;
import dev.bosun.lease.LeaseConfiguration;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.security.Redactor;
import dev.bosun.workspace.TestRunner;
import dev.bosun.workspace.WorkspaceConfiguration;
import dev.bosun.workspace.Worktrees;

class MergeConfigurationTest {

    @TempDir
    Path repo;

    @Test
    void wiresWorkspaceAndMergeBeans() {
        BosunProperties properties = new BosunProperties(
                repo,
                "main",
                List.of("sh", "test.sh"),
                Duration.ofMinutes(1),
                2,
                2,
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                Path.of("processes"),
                new BosunProperties.Agent("script", null, 2),
                new BosunProperties.Worker(true, Duration.ofMillis(300), Duration.ofSeconds(30)),
                List.of(),
                BosunProperties.Retry.defaults(),
                new BosunProperties.Events(10_485_760),
                new BosunProperties.Demo(false),
                new BosunProperties.Plan(false, 2, 2),
                new BosunProperties.Logs(10_485_760),
                new BosunProperties.Stop(Duration.ofSeconds(60)));
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:wiring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        MergeObserver observer = new MergeObserver() {
            @Override
            public void mergeStarted(String taskId, String holder) {}

            @Override
            public void mergeFinished(String taskId, String holder, MergeOutcome outcome) {}
        };

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withBean(BosunProperties.class, () -> properties)
                .withBean(DataSource.class, () -> dataSource)
                .withBean(MergeObserver.class, () -> observer)
                .withBean(Redactor.class, () -> new Redactor(List.of()))
                .withUserConfiguration(WorkspaceConfiguration.class, LeaseConfiguration.class, MergeConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context)
                            .hasSingleBean(Worktrees.class)
                            .hasSingleBean(TestRunner.class)
                            .hasSingleBean(Leases.class)
                            .hasSingleBean(Merger.class);
                    assertThat(context.getBean(Leases.class).of(LeaseName.MERGE).holder())
                            .isEmpty();
                });
    }
}
