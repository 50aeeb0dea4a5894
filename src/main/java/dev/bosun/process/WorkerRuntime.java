package dev.bosun.process;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bosun.BosunProperties;
import dev.bosun.agent.MemberActivity;
import dev.bosun.events.TaskLifecycleEvent;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.runtime.BackgroundRuntime;
import dev.bosun.runtime.PollLoop;
import dev.bosun.runtime.RuntimePhases;
import dev.bosun.runtime.Wakeups;
import dev.bosun.security.Redactor;
import dev.bosun.team.Roster;

/**
 * This node's claim dispatcher and external-task workers, when the in-process workers run
 * ({@code bosun.worker.enabled}); stopped in phase {@link RuntimePhases#TASK_WORKERS}, after
 * message delivery.
 */
@Component
class WorkerRuntime extends BackgroundRuntime {

    private final PollLoop claims;
    private final ExternalTaskPoller poller;
    private final PollLoop plans;
    private final Duration stopGrace;

    WorkerRuntime(
            ExternalTaskService externalTasks,
            RuntimeService runtime,
            HistoryService history,
            List<TopicWorker> workers,
            BosunProperties properties,
            Leases leases,
            NodeIdentity nodeIdentity,
            Roster roster,
            MemberActivity activity,
            List<MessageTurns> messageTurns,
            Redactor redactor,
            ManagerReviews managers,
            TaskStatuses tasks,
            ApplicationEventPublisher publisher,
            PlatformTransactionManager transactions,
            Wakeups wakeups) {
        super(RuntimePhases.TASK_WORKERS, properties.worker().enabled());
        BosunProperties.Worker worker = properties.worker();
        String node = nodeIdentity.id();
        this.stopGrace = properties.stop().turnGrace();
        this.claims = new ClaimDispatcher(
                        externalTasks,
                        runtime,
                        history,
                        leases.of(LeaseName.CLAIM),
                        node,
                        roster.engineerNames(),
                        worker.pollInterval(),
                        worker.lockDuration(),
                        member -> activity.inTurn(member)
                                || messageTurns.stream().anyMatch(turns -> turns.underway(member)),
                        managers)
                .loop(worker.pollInterval().multipliedBy(properties.retry().claimBackoffPolls()));
        this.plans = new PlanWatch(externalTasks, runtime, tasks, node, worker.pollInterval(), worker.lockDuration())
                .loop(worker.pollInterval().multipliedBy(properties.retry().claimBackoffPolls()));
        this.poller = new ExternalTaskPoller(
                externalTasks,
                runtime,
                workers,
                node,
                roster.engineers().size(),
                worker.pollInterval(),
                worker.lockDuration(),
                properties.retry(),
                redactor::redact,
                event -> publisher.publishEvent(new TaskLifecycleEvent(event)),
                new TransactionTemplate(transactions),
                wakeups);
        // Task_ClaimTask's topic has no worker of its own: the claim loop answers its wake-ups
        wakeups.register(ProcessIds.TOPIC_CLAIM, claims);
    }

    @Override
    protected void startWork() {
        claims.start();
        plans.start();
        poller.start();
    }

    /** Claims no more tasks and lets the steps under way finish, up to {@code bosun.stop.turn-grace}. */
    @Override
    protected void finishWork() {
        claims.stop();
        plans.stop();
        poller.finish(stopGrace);
    }

    @Override
    protected void stopWork() {
        claims.stop();
        plans.stop();
        poller.stop();
    }
}
