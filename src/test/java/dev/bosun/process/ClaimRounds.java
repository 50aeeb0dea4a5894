package dev.bosun.process;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jspecify.annotations.Nullable;

import dev.bosun.lease.JdbcLease;
import dev.bosun.lease.LeaseName;

/**
 * Claim rounds driven by hand, for tests that switch the workers off: a dispatcher that sees
 * only the engineers a test names (in that order, each idle unless it holds a task), and who
 * claimed a task.
 */
final class ClaimRounds {

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final DataSource dataSource;
    private final ManagerReviews managers;

    ClaimRounds(
            ExternalTaskService externalTasks,
            RuntimeService runtime,
            HistoryService history,
            DataSource dataSource,
            ManagerReviews managers) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.history = history;
        this.dataSource = dataSource;
        this.managers = managers;
    }

    ClaimDispatcher dispatcher(List<String> engineers) {
        return new ClaimDispatcher(
                externalTasks,
                runtime,
                history,
                new JdbcLease(dataSource, LeaseName.CLAIM, Clock.systemUTC()),
                "test",
                engineers,
                Duration.ofMillis(10),
                Duration.ofSeconds(10),
                member -> false,
                managers);
    }

    ProcessInstance instance(String taskId) {
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(taskId)
                .singleResult();
    }

    /** The engineer that claimed the task, or null while it waits. */
    @Nullable
    String claimant(String taskId) {
        return (String) runtime.getVariable(instance(taskId).getId(), ProcessVariables.MEMBER);
    }
}
