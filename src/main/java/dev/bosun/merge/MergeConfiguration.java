package dev.bosun.merge;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.workspace.CommitTests;

/**
 * Wires the merge lock and the journal of Bosun's merges (both in the engine's database), the
 * merger and the trunk watch for the configured repository.
 */
@Configuration(proxyBeanMethods = false)
public class MergeConfiguration {

    @Bean
    MergeLock mergeLock(DataSource dataSource) {
        return new JdbcMergeLock(dataSource);
    }

    @Bean
    MergeJournal mergeJournal(DataSource dataSource) {
        return new JdbcMergeJournal(dataSource);
    }

    @Bean
    Merger merger(BosunProperties properties, MergeLock mergeLock, MergeJournal mergeJournal, CommitTests commitTests,
                  ObjectProvider<MergeObserver> observers) {
        return new GitMerger(properties.repository(), properties.trunk(), mergeLock, mergeJournal, commitTests,
                properties.mergeLockTimeout(), properties.logsDir(), observers.orderedStream().toList());
    }

    @Bean
    TrunkWatch trunkWatch(BosunProperties properties, MergeJournal mergeJournal) {
        return new GitTrunkWatch(properties.repository(), properties.trunk(), mergeJournal);
    }
}
