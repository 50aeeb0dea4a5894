package dev.bosun.merge;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.workspace.TestRunner;

/** Wires the merge lock (in the engine's database) and the merger for the configured repository. */
@Configuration(proxyBeanMethods = false)
public class MergeConfiguration {

    @Bean
    MergeLock mergeLock(DataSource dataSource) {
        return new JdbcMergeLock(dataSource);
    }

    @Bean
    Merger merger(BosunProperties properties, MergeLock mergeLock, TestRunner testRunner,
                  ObjectProvider<MergeObserver> observers) {
        return new GitMerger(properties.repository(), properties.trunk(), mergeLock, testRunner,
                properties.mergeLockTimeout(), properties.logsDir(), observers.orderedStream().toList());
    }
}
