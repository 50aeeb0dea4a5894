package dev.bosun.process;

import java.util.List;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.MemberActivity;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.security.Redactor;
import dev.bosun.team.Roster;

/**
 * Starts this node's claim dispatcher and external-task workers once the application is ready
 * (after the engine's job executor, never inside a runner), and stops them on shutdown.
 */
@Component
class WorkerRuntime {

    private final ClaimDispatcher claims;
    private final ExternalTaskPoller poller;
    private final boolean enabled;

    WorkerRuntime(ExternalTaskService externalTasks, RuntimeService runtime, HistoryService history, List<TopicWorker> workers,
                  BosunProperties properties, Leases leases, NodeIdentity nodeIdentity, Roster roster, MemberActivity activity,
                  List<MessageTurns> messageTurns, Redactor redactor) {
        BosunProperties.Worker worker = properties.worker();
        String node = nodeIdentity.id();
        this.enabled = worker.enabled();
        this.claims = new ClaimDispatcher(externalTasks, runtime, history, leases.of(LeaseName.CLAIM), node,
                roster.engineerNames(), worker.pollInterval(), worker.lockDuration(),
                member -> activity.inTurn(member) || messageTurns.stream().anyMatch(turns -> turns.underway(member)));
        this.poller = new ExternalTaskPoller(externalTasks, workers, node, roster.engineers().size(),
                worker.pollInterval(), worker.lockDuration(), redactor::redact);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            claims.start();
            poller.start();
        }
    }

    @PreDestroy
    void stop() {
        claims.stop();
        poller.stop();
    }
}
