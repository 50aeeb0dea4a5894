package dev.bosun.process;

import java.net.InetAddress;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.MemberActivity;
import dev.bosun.merge.MergeLock;
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
                  BosunProperties properties, DataSource dataSource, Roster roster, MemberActivity activity,
                  List<MessageTurns> messageTurns, Redactor redactor) {
        BosunProperties.Worker worker = properties.worker();
        String node = nodeId();
        this.enabled = worker.enabled();
        MergeLock claimLock = ClaimLease.on(dataSource);
        this.claims = new ClaimDispatcher(externalTasks, runtime, history, claimLock, node,
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

    /** Unique per process, so a restarted node never inherits a dead node's external-task locks. */
    private static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "bosun@" + host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
