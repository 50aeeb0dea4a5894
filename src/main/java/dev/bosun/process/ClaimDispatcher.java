package dev.bosun.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.merge.MergeLock;

/**
 * Task_ClaimTask: every idle engineer fetches the most urgent waiting task (priority, then age).
 * Idle is read from the engine, the source of truth: an engineer holding any running
 * task-lifecycle instance (including an escalated one, whose worktree still has its branch) is busy.
 * The check and the claim happen under a lease in the database ({@code claimLock}), so two nodes
 * never both find an engineer idle and give it two tasks.
 */
final class ClaimDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ClaimDispatcher.class);

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final MergeLock claimLock;
    private final String node;
    private final List<String> engineers;
    private final Duration pollInterval;
    private final long lockMillis;
    private volatile Thread thread;

    ClaimDispatcher(ExternalTaskService externalTasks, RuntimeService runtime, MergeLock claimLock, String node,
                    List<String> engineers, Duration pollInterval, Duration lockDuration) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.claimLock = claimLock;
        this.node = node;
        this.engineers = List.copyOf(engineers);
        this.pollInterval = pollInterval;
        this.lockMillis = lockDuration.toMillis();
    }

    void start() {
        thread = PlatformThreads.named("bosun-claim", true).newThread(this::loop);
        thread.start();
    }

    void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            try {
                claimForIdleEngineers();
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (thread != null) {
                    log.warn("claiming tasks failed: {}", e.getMessage());
                }
                if (!pause(pollInterval.multipliedBy(10))) {
                    return;
                }
            }
        }
    }

    /** Waits after a failure so a database outage is not a tight loop; false when interrupted. */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** One attempt at the lease: when another node is claiming right now, try again next round. */
    void claimForIdleEngineers() {
        Optional<MergeLock.Lease> lease = claimLock.acquire(node + "/claims", Duration.ZERO);
        if (lease.isEmpty()) {
            return;
        }
        try (MergeLock.Lease held = lease.get()) {
            engineers.stream().filter(this::idle).forEach(this::claimOne);
        }
    }

    private boolean idle(String member) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .variableValueEquals(ProcessVariables.MEMBER, member).count() == 0;
    }

    private void claimOne(String member) {
        List<LockedExternalTask> tasks = externalTasks.fetchAndLock().workerId(member).maxTasks(1)
                .usePriority(true).orderByCreateTime().asc()
                .subscribe().topic(ProcessIds.TOPIC_CLAIM, lockMillis)
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE).execute();
        for (LockedExternalTask task : tasks) {
            externalTasks.complete(task.getId(), member, Map.of(ProcessVariables.MEMBER, member));
            log.info("{} claimed task {}", member, task.getBusinessKey());
        }
    }
}
