package dev.bosun.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final int TRANSIENT_RETRIES = 5;
    private static final int REPORT_ATTEMPTS = 3;

    private final ExternalTaskService externalTasks;
    private final List<TopicWorker> workers;
    private final String workerId;
    private final int concurrency;
    private final Duration pollInterval;
    private final long lockMillis;
    private final ExecutorService pool;
    private final ScheduledExecutorService lockExtender;
    private final List<Thread> pollers = new ArrayList<>();
    /** Tasks running on this node: a re-fetch after a missed lock extension must not run one twice. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final UnaryOperator<String> redaction;
    private volatile boolean running;

    /** @param redaction replaces known secrets in every text reported to the engine; thread-safe */
    ExternalTaskPoller(ExternalTaskService externalTasks, List<TopicWorker> workers, String workerId,
                       int concurrency, Duration pollInterval, Duration lockDuration, UnaryOperator<String> redaction) {
        this.redaction = redaction;
        this.externalTasks = externalTasks;
        this.workers = List.copyOf(workers);
        this.workerId = workerId;
        this.concurrency = concurrency;
        this.pollInterval = pollInterval;
        this.lockMillis = lockDuration.toMillis();
        this.pool = Executors.newCachedThreadPool(PlatformThreads.named("bosun-work", false));
        this.lockExtender = Executors.newSingleThreadScheduledExecutor(
                PlatformThreads.named("bosun-lock-extender", true));
    }

    void start() {
        running = true;
        for (TopicWorker worker : workers) {
            Thread poller = PlatformThreads.named("bosun-poll-" + worker.topic(), true)
                    .newThread(() -> pollLoop(worker, new Semaphore(concurrency)));
            poller.start();
            pollers.add(poller);
        }
    }

    void stop() {
        running = false;
        pollers.forEach(Thread::interrupt);
        pool.shutdownNow();
        lockExtender.shutdownNow();
        try {
            // Interrupted turns and test runs kill their process groups; let them finish doing so
            // before the engine closes underneath them.
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollLoop(TopicWorker worker, Semaphore slots) {
        while (running) {
            try {
                int free = slots.availablePermits();
                if (free > 0) {
                    for (LockedExternalTask task : fetch(worker.topic(), free)) {
                        if (inFlight.add(task.getId())) {
                            slots.acquire();
                            pool.submit(() -> runAndRelease(worker, task, slots));
                        }
                    }
                }
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("fetching {} tasks failed: {}", worker.topic(), e.getMessage());
                    pause(pollInterval.toMillis() * 3);
                }
            }
        }
    }

    private List<LockedExternalTask> fetch(String topic, int maxTasks) {
        return externalTasks.fetchAndLock().workerId(workerId).maxTasks(maxTasks).usePriority(true)
                .orderByCreateTime().asc()
                .subscribe().topic(topic, lockMillis).processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .execute();
    }

    private void runAndRelease(TopicWorker worker, LockedExternalTask task, Semaphore slots) {
        try {
            WorkResult result;
            RunningWork work = new RunningWork(Thread.currentThread());
            ScheduledFuture<?> extension = lockExtender.scheduleAtFixedRate(() -> extendLock(task, work),
                    lockMillis / 3, lockMillis / 3, TimeUnit.MILLISECONDS);
            try {
                result = worker.work(new WorkItem(task.getProcessInstanceId(), task.getActivityId(),
                        task.getVariables()));
            } finally {
                extension.cancel(false);
                work.finish();
            }
            // Stopping: an interrupted turn or test run proves nothing. Report nothing, so the lock
            // expires and the work runs again after the restart.
            if (running) {
                reportWithRetry(task, result);
            }
        } catch (Exception e) {
            if (running) {
                raiseIncident(task, e);
            }
        } finally {
            inFlight.remove(task.getId());
            slots.release();
        }
    }

    /**
     * The thread doing one task's work. It is interrupted only while the work runs (an agent turn
     * or a test run, which then kill their process groups), never while it talks to the engine:
     * an interrupt during H2 file I/O closes the database file.
     */
    private static final class RunningWork {
        private final Thread thread;
        private boolean working = true;

        RunningWork(Thread thread) {
            this.thread = thread;
        }

        synchronized void interrupt() {
            if (working) {
                thread.interrupt();
            }
        }

        void finish() {
            synchronized (this) {
                working = false;
            }
            Thread.interrupted(); // clear a late interrupt before the engine is called
        }
    }

    /**
     * A lock extension still in flight can make the report fail on optimistic locking; the
     * finished work must not turn into an incident for that.
     */
    private void reportWithRetry(LockedExternalTask task, WorkResult result) {
        for (int attempt = 1; ; attempt++) {
            try {
                report(task, result);
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == REPORT_ATTEMPTS) {
                    throw e;
                }
                pause(100);
            }
        }
    }

    private void report(LockedExternalTask task, WorkResult result) {
        if (result instanceof WorkResult.Complete complete) {
            externalTasks.complete(task.getId(), workerId, redacted(complete.variables()));
        } else if (result instanceof WorkResult.BpmnError error) {
            externalTasks.handleBpmnError(task.getId(), workerId, error.errorCode(), redaction.apply(error.message()),
                    redacted(error.variables()));
        } else if (result instanceof WorkResult.RetryLater retry) {
            int retries = task.getRetries() == null ? TRANSIENT_RETRIES : task.getRetries() - 1;
            externalTasks.handleFailure(task.getId(), workerId, redaction.apply(retry.message()), null,
                    Math.max(retries, 0), lockMillis);
        }
    }

    /**
     * Text variables with known secrets replaced; other values as they are. A byte array is text
     * ({@link TextValues#store}); it stays a byte array, so its readers are unchanged.
     */
    private Map<String, Object> redacted(Map<String, Object> variables) {
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
            externalTasks.handleFailure(task.getId(), workerId, truncate(message), redaction.apply(stackTrace(e)),
                    INCIDENT_RETRIES, 0);
        } catch (RuntimeException reportFailure) {
            log.error("could not report the failure of {} to the engine", task.getId(), reportFailure);
        }
    }

    /**
     * A refused extension means the lock is gone: the task was cancelled or deleted (in Cockpit,
     * say) or another worker holds it. The work must stop, or an agent would go on writing to a
     * worktree that its engineer may already use for the next task.
     */
    private void extendLock(LockedExternalTask task, RunningWork work) {
        try {
            externalTasks.extendLock(task.getId(), workerId, lockMillis);
        } catch (BadUserRequestException gone) {
            // NotFoundException (deleted) is one of these, and so is "locked by another worker".
            log.warn("lost the lock of {} ({} in process instance {}): {}; stopping its work", task.getId(),
                    task.getActivityId(), task.getProcessInstanceId(), gone.getMessage());
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
