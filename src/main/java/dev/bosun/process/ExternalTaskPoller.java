package dev.bosun.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

import dev.bosun.BosunProperties;
import dev.bosun.events.BosunEvent;
import dev.bosun.runtime.Attempts;
import dev.bosun.runtime.InterruptibleWork;
import dev.bosun.runtime.PlatformThreads;
import dev.bosun.runtime.PollLoop;
import dev.bosun.runtime.Wakeups;

/**
 * Fetches and locks external tasks for each {@link TopicWorker}, runs them on platform threads
 * (agent PTY reads block in native code under a lock, which would pin a virtual thread's
 * carrier), keeps their locks extended while they run, and reports the result. Long work never
 * runs inside an engine transaction.
 *
 * <p>Every worker's result reaches the engine through here, so this is where known secrets are
 * taken out of what the engine stores (and {@code /engine-rest/history} shows): String and
 * {@link TextValues} byte-array variables, BPMN error and failure messages, incident messages and
 * stack traces.
 */
final class ExternalTaskPoller {

    private static final Logger log = LoggerFactory.getLogger(ExternalTaskPoller.class);
    private static final int INCIDENT_RETRIES = 0;

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final List<TopicWorker> workers;
    private final String workerId;
    private final int concurrency;
    private final Duration pollInterval;
    private final long lockMillis;
    private final BosunProperties.Retry policy;
    private final Attempts reportAttempts;
    private final ExecutorService pool;
    private final ScheduledExecutorService lockExtender;
    private final List<PollLoop> polls = new ArrayList<>();
    /** The threads doing a task's work: the only ones a stop or a lost lock interrupts. */
    private final InterruptibleWork working = new InterruptibleWork();
    /**
     * Tasks running on this node, by id: a re-fetch after a missed lock extension must not run one
     * twice, and a stop waits for them ({@link #finish}). Changes are announced on {@link #idle}.
     */
    private final Map<String, LockedExternalTask> inFlight = new ConcurrentHashMap<>();

    private final Object idle = new Object();

    private final UnaryOperator<String> redaction;
    private final Consumer<BosunEvent> incidents;
    private final TransactionOperations transaction;
    private final Wakeups wakeups;
    /** False once stopping began: no new work is fetched. */
    private volatile boolean fetching;
    /** False once what is left was interrupted: its results are not reported. */
    private volatile boolean running;

    /**
     * @param redaction replaces known secrets in every text reported to the engine; thread-safe
     * @param transaction the one an incident and its event are recorded in together
     * @param wakeups      where each topic's loop is registered, to run when a task of its topic is created
     */
    ExternalTaskPoller(
            ExternalTaskService externalTasks,
            RuntimeService runtime,
            List<TopicWorker> workers,
            String workerId,
            int concurrency,
            Duration pollInterval,
            Duration lockDuration,
            BosunProperties.Retry retry,
            UnaryOperator<String> redaction,
            Consumer<BosunEvent> incidents,
            TransactionOperations transaction,
            Wakeups wakeups) {
        this.wakeups = wakeups;
        this.incidents = incidents;
        this.transaction = transaction;
        this.redaction = redaction;
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.workers = List.copyOf(workers);
        this.workerId = workerId;
        this.concurrency = concurrency;
        this.pollInterval = pollInterval;
        this.lockMillis = lockDuration.toMillis();
        this.policy = retry;
        this.reportAttempts = Attempts.fixed(retry.reportAttempts(), retry.reportWait(), Attempts.Sleeper.THREAD);
        this.pool = Executors.newCachedThreadPool(PlatformThreads.named("bosun-work", false));
        this.lockExtender =
                Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("bosun-lock-extender", true));
    }

    void start() {
        running = true;
        fetching = true;
        for (TopicWorker worker : workers) {
            Semaphore slots = new Semaphore(concurrency);
            PollLoop poll = new PollLoop(
                    "bosun-poll-" + worker.topic(),
                    "fetching " + worker.topic() + " tasks",
                    pollInterval,
                    pollInterval.multipliedBy(policy.fetchBackoffPolls()),
                    () -> pollOnce(worker, slots));
            polls.add(poll);
            wakeups.register(worker.topic(), poll);
            poll.start();
        }
    }

    /**
     * The first half of a stop: fetches no more and waits up to {@code grace} for the work under
     * way to end; what ends in time is reported as usual, so a finished turn is recorded and does
     * not run again after the restart. Its locks are extended meanwhile. Call {@link #stop()}
     * after it for what is left.
     */
    void finish(Duration grace) {
        fetching = false;
        polls.forEach(PollLoop::stop);
        if (inFlight.isEmpty() || grace.isZero()) {
            return;
        }
        log.info(
                "stopping: fetching no more work; waiting up to {} (bosun.stop.turn-grace) for {} to finish",
                grace,
                underway());
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            long left;
            while (!inFlight.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!inFlight.isEmpty()) {
            log.warn("stopping: {} did not finish within {}; interrupting it", underway(), grace);
        }
    }

    /** What runs, for the log: {@code Task_CodeTurn of 7, Task_RunTests of 9}. */
    private String underway() {
        return inFlight.values().stream()
                .map(task -> task.getActivityId() + " of " + task.getBusinessKey())
                .sorted()
                .toList()
                .toString();
    }

    /**
     * Fetches no more, interrupts the work under way (agent turns and test runs then kill their
     * process groups) and waits a little for it, so that happens before the engine closes
     * underneath them. The interrupted work's results are not reported: its locks expire and it
     * runs again after the restart (a turn continues its conversation where the CLI can resume).
     */
    void stop() {
        fetching = false;
        running = false;
        polls.forEach(PollLoop::stop);
        working.interruptAll();
        pool.shutdown();
        lockExtender.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One round for one topic: as many tasks as there are free slots, each on a work thread. */
    private void pollOnce(TopicWorker worker, Semaphore slots) {
        int free = slots.availablePermits();
        if (free == 0 || !fetching) {
            return;
        }
        for (LockedExternalTask task : fetch(worker, free)) {
            if (fetching && inFlight.putIfAbsent(task.getId(), task) == null) {
                slots.acquireUninterruptibly(); // free: only this loop takes slots
                pool.submit(() -> runAndRelease(worker, task, slots));
            }
        }
    }

    private List<LockedExternalTask> fetch(TopicWorker worker, int maxTasks) {
        var topic = externalTasks
                .fetchAndLock()
                .workerId(workerId)
                .maxTasks(maxTasks)
                .usePriority(true)
                .orderByCreateTime()
                .asc()
                .subscribe()
                .topic(worker.topic(), lockMillis)
                // Bosun's own processes only; the plan's planning turn is an external task too.
                .processDefinitionKeyIn(ProcessIds.TASK_LIFECYCLE, ProcessIds.PLAN);
        if (worker.onTheTurnsNode()) {
            topic = topic.processInstanceVariableEquals(ProcessVariables.TURN_NODE, workerId);
        }
        return topic.execute();
    }

    /** Notes this node as the one running the instance's turn, before the turn starts (see {@link TopicWorker#runsTheTurn}). */
    private void noteTurnNode(TopicWorker worker, LockedExternalTask task) {
        if (worker.runsTheTurn()) {
            reportAttempts.retrying(
                    OptimisticLockingException.class,
                    () -> runtime.setVariable(task.getProcessInstanceId(), ProcessVariables.TURN_NODE, workerId));
        }
    }

    private void runAndRelease(TopicWorker worker, LockedExternalTask task, Semaphore slots) {
        AtomicBoolean lockLost = new AtomicBoolean();
        try {
            WorkResult result;
            noteTurnNode(worker, task);
            try (InterruptibleWork.Inside work = working.enter()) {
                ScheduledFuture<?> extension = lockExtender.scheduleAtFixedRate(
                        () -> extendLock(task, work, lockLost), lockMillis / 3, lockMillis / 3, TimeUnit.MILLISECONDS);
                try {
                    result = worker.work(
                            new WorkItem(task.getProcessInstanceId(), task.getActivityId(), task.getVariables()));
                } finally {
                    extension.cancel(false);
                }
            }
            // Stopping: an interrupted turn or test run proves nothing. Report nothing, so the lock
            // expires and the work runs again after the restart.
            if (running && !lockLost.get()) {
                reportWithRetry(task, result);
            }
        } catch (Exception e) {
            if (running && !lockLost.get()) {
                raiseIncident(task, e);
            }
        } finally {
            inFlight.remove(task.getId());
            slots.release();
            if (slots.availablePermits() == 1) {
                // every slot was taken: a task of this topic may wait for this one's
                wakeups.wake(worker.topic());
            }
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * A lock extension still in flight can make the report fail on optimistic locking; the
     * finished work must not turn into an incident for that.
     */
    private void reportWithRetry(LockedExternalTask task, WorkResult result) {
        reportAttempts.retrying(OptimisticLockingException.class, () -> report(task, result));
    }

    private void report(LockedExternalTask task, WorkResult result) {
        if (result instanceof WorkResult.Complete complete) {
            externalTasks.complete(task.getId(), workerId, redacted(complete.variables()));
        } else if (result instanceof WorkResult.BpmnError error) {
            externalTasks.handleBpmnError(
                    task.getId(),
                    workerId,
                    error.errorCode(),
                    redaction.apply(error.message()),
                    redacted(error.variables()));
        } else if (result instanceof WorkResult.RetryLater retry) {
            int retries = task.getRetries() == null ? policy.transientRetries() : task.getRetries() - 1;
            // in the log too: a step that keeps asking to be tried later is otherwise only a
            // status that does not move (the message is on the external task, in Cockpit)
            log.info(
                    "{} (process instance {}) is tried again in {} ms, {} tries left: {}",
                    task.getActivityId(),
                    task.getProcessInstanceId(),
                    lockMillis,
                    Math.max(retries, 0),
                    redaction.apply(retry.message()));
            // one transaction: an incident's event goes into the outbox with the incident itself
            transaction.executeWithoutResult(status -> {
                externalTasks.handleFailure(
                        task.getId(),
                        workerId,
                        redaction.apply(retry.message()),
                        null,
                        Math.max(retries, 0),
                        lockMillis);
                if (retries <= 0) {
                    incidentRaised(task, redaction.apply(retry.message()));
                }
            });
        }
    }

    /**
     * Text variables with known secrets replaced; other values as they are. A byte array is text
     * ({@link TextValues#store}); it stays a byte array, so its readers are unchanged.
     */
    private @Nullable Map<String, Object> redacted(@Nullable Map<String, Object> variables) {
        if (variables == null) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (value instanceof String text) {
                result.put(name, redaction.apply(text));
            } else if (value instanceof byte[] bytes) {
                result.put(name, redaction.apply(TextValues.read(bytes)).getBytes(StandardCharsets.UTF_8));
            } else {
                result.put(name, value);
            }
        });
        return result;
    }

    /** A failure of Bosun itself: an incident in Cockpit with a readable message, never a stuck task. */
    private void raiseIncident(LockedExternalTask task, Exception e) {
        String message = redaction.apply(task.getActivityId() + " failed: " + describe(e));
        log.error("{} (process instance {})", message, task.getProcessInstanceId(), e);
        try {
            // one transaction: the incident's event goes into the outbox with the incident itself
            transaction.executeWithoutResult(status -> {
                externalTasks.handleFailure(
                        task.getId(), workerId, truncate(message), redaction.apply(stackTrace(e)), INCIDENT_RETRIES, 0);
                incidentRaised(task, truncate(message));
            });
        } catch (RuntimeException reportFailure) {
            log.error("could not report the failure of {} to the engine", task.getId(), reportFailure);
        }
    }

    /** Not a step of the process, so no listener reports it: the audit log and the board hear it here. */
    private void incidentRaised(LockedExternalTask task, String message) {
        boolean plan = ProcessIds.PLAN.equals(task.getProcessDefinitionKey());
        incidents.accept(BosunEvent.of("incident_raised", plan ? null : task.getBusinessKey())
                .to(TaskStatus.INCIDENT.wireName())
                .reason(message)
                .detail("plan", plan ? task.getBusinessKey() : null)
                .detail("activity", task.getActivityId()));
    }

    /**
     * A refused extension means the lock is gone: the task was cancelled or deleted (in Cockpit,
     * say) or another worker holds it. The work must stop, or an agent would go on writing to a
     * worktree that its engineer may already use for the next task.
     */
    private void extendLock(LockedExternalTask task, InterruptibleWork.Inside work, AtomicBoolean lockLost) {
        try {
            externalTasks.extendLock(task.getId(), workerId, lockMillis);
        } catch (BadUserRequestException gone) {
            // NotFoundException (deleted) is one of these, and so is "locked by another worker".
            log.warn(
                    "lost the lock of {} ({} in process instance {}): {}; stopping its work",
                    task.getId(),
                    task.getActivityId(),
                    task.getProcessInstanceId(),
                    gone.getMessage());
            // Nothing to report to: the engine refuses a result or an incident of a task that is gone.
            lockLost.set(true);
            work.interrupt();
        } catch (RuntimeException e) {
            // A database blip: keep working, the next extension may succeed.
            log.warn("extending the lock of {} ({}) failed: {}", task.getId(), task.getActivityId(), e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Camunda stores the error message in a 666-character column. */
    private static String truncate(String message) {
        return message.length() <= 600 ? message : message.substring(0, 597) + "...";
    }

    private static String stackTrace(Exception e) {
        var writer = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(writer));
        return writer.toString();
    }
}
