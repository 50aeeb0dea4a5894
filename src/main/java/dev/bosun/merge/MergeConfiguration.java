package dev.bosun.merge;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.workspace.CommitTests;

/**
 * Wires the journal of Bosun's merges (in the engine's database), the merger under the merge
 * lease behind the node's merge queue ({@code bosun.merge.queue-limit}), and the trunk watch for
 * the configured repository.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MergeQueueProperties.class)
public class MergeConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    MergeJournal mergeJournal(DataSource dataSource) {
        return new JdbcMergeJournal(dataSource);
    }

    @Bean
    MergeQueue merger(
            BosunProperties properties,
            MergeQueueProperties queue,
            Leases leases,
            NodeIdentity node,
            MergeJournal mergeJournal,
            CommitTests commitTests,
            ObjectProvider<MergeObserver> observers,
            ObjectProvider<MergeQueueObserver> queueObservers) {
        return new MergeQueue(
                new GitMerger(
                        properties.repository(),
                        properties.trunk(),
                        leases.of(LeaseName.MERGE),
                        node,
                        mergeJournal,
                        commitTests,
                        properties.mergeLockTimeout(),
                        properties.logsDir(),
                        observers.orderedStream().toList()),
                queue.queueLimit(),
                queueObservers.orderedStream().toList());
    }

    @Bean
    TrunkWatch trunkWatch(BosunProperties properties, MergeJournal mergeJournal) {
        return new GitTrunkWatch(properties.repository(), properties.trunk(), mergeJournal);
    }
}
