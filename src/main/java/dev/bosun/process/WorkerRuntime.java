package dev.bosun.process;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.MemberActivity;
import dev.bosun.merge.MergeLock;
import dev.bosun.runtime.PollLoop;
import dev.bosun.runtime.RuntimePhases;
import dev.bosun.security.Redactor;
import dev.bosun.team.Roster;

/**
 * This node's claim dispatcher and external-task workers, when the in-process workers run
 * ({@code bosun.worker.enabled}). Started once the application is ready (the engine's job
 * executor starts with it; never inside a runner), not with the context; stopped by Spring in
 * phase {@link RuntimePhases#TASK_WORKERS}, after message delivery. Started once: a stopped
 * runtime does not start again.
 */
@Component
class WorkerRuntime implements SmartLifecycle {

    /** How long a stop waits for a claim round under way; it is never interrupted (it talks to the database). */
    private static final Duration CLAIM_END_WAIT = Duration.ofSeconds(5);

    private final PollLoop claims;
    private final ExternalTaskPoller poller;
    private final boolean enabled;
    private boolean started;
    private volatile boolean running;

    WorkerRuntime(ExternalTaskService externalTasks, RuntimeService runtime, HistoryService history, List<TopicWorker> workers,
                  BosunProperties properties, DataSource dataSource, Roster roster, MemberActivity activity,
                  List<MessageTurns> messageTurns, Redactor redactor) {
        BosunProperties.Worker worker = properties.worker();
        String node = nodeId();
        this.enabled = worker.enabled();
        MergeLock claimLock = ClaimLease.on(dataSource);
        this.claims = new ClaimDispatcher(externalTasks, runtime, history, claimLock, node,
                roster.engineerNames(), worker.pollInterval(), worker.lockDuration(),
                member -> activity.inTurn(member) || messageTurns.stream().anyMatch(turns -> turns.underway(member)))
                .loop(worker.pollInterval().multipliedBy(properties.retry().claimBackoffPolls()));
        this.poller = new ExternalTaskPoller(externalTasks, workers, node, roster.engineers().size(),
                worker.pollInterval(), worker.lockDuration(), properties.retry(), redactor::redact);
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (enabled) {
            start();
        }
    }

    @Override
    public synchronized void start() {
        if (!started) {
            started = true;
            running = true;
            claims.start();
            poller.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            running = false;
            claims.stop(CLAIM_END_WAIT);
            poller.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started by {@link #ready()}, so never before the application is ready, and only when enabled. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public int getPhase() {
        return RuntimePhases.TASK_WORKERS;
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
