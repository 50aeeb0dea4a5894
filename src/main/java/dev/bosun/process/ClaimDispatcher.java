package dev.bosun.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.lease.Lease;
import dev.bosun.runtime.PollLoop;

/**
 * Task_ClaimTask: every idle engineer takes the most urgent waiting task (priority, then age) that
 * is not assigned to another engineer, names no manager or the engineer's ({@link ManagerReviews}),
 * and whose dependencies are merged.
 * Idle is read from the engine, the source of truth: an engineer held by a running task-lifecycle
 * instance ({@link EngineerHolds}; an escalated one holds nobody) is busy.
 * The same topic serves Task_ReclaimEngineer, a task taken up again after a human's retry or
 * merge: it goes back to its previous engineer, first among that engineer's claims, unless that
 * engineer is held by another task or has left the team; then the next idle engineer takes it.
 * An engineer in any other turn (reading its messages) is busy too ({@code busyElsewhere}). The
 * check and the claim happen under a lease in the database ({@code claimLock}), so two nodes
 * never both find an engineer idle and give it two tasks; message delivery takes the same lease.
 */
final class ClaimDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ClaimDispatcher.class);

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final Lease claimLock;
    private final String node;
    private final List<String> engineers;
    private final Duration pollInterval;
    private final long lockMillis;
    private final Predicate<String> busyElsewhere;
    private final ManagerReviews managers;

    /** @param busyElsewhere true for a member in a turn outside the task lifecycle (a message turn) */
    ClaimDispatcher(
            ExternalTaskService externalTasks,
            RuntimeService runtime,
            HistoryService history,
            Lease claimLock,
            String node,
            List<String> engineers,
            Duration pollInterval,
            Duration lockDuration,
            Predicate<String> busyElsewhere,
            ManagerReviews managers) {
        this.managers = managers;
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.history = history;
        this.claimLock = claimLock;
        this.node = node;
        this.engineers = List.copyOf(engineers);
        this.pollInterval = pollInterval;
        this.lockMillis = lockDuration.toMillis();
        this.busyElsewhere = busyElsewhere;
    }

    /** @param backoff the wait after a round that failed (a database outage) */
    PollLoop loop(Duration backoff) {
        return new PollLoop("bosun-claim", "claiming tasks", pollInterval, backoff, this::claimForIdleEngineers);
    }

    /**
     * One attempt at the lease: when another node is claiming right now, try again next round.
     * The waiting tasks are listed once per round and only when an engineer is idle, because this
     * runs every poll interval (and at every wake-up); a task's variables and dependencies are
     * read only when it is next in line for someone ({@link Waiting}), so a long queue costs one
     * query per claim, not one per waiting task.
     */
    void claimForIdleEngineers() {
        Optional<Lease.Held> lease = claimLock.acquire(node + "/claims", Duration.ZERO);
        if (lease.isEmpty()) {
            return;
        }
        try (Lease.Held held = lease.get()) {
            List<String> idle = engineers.stream()
                    .filter(busyElsewhere.negate())
                    .filter(this::idle)
                    .toList();
            if (idle.isEmpty()) {
                return;
            }
            Waiting waiting = new Waiting(waitingTasks());
            for (String member : idle) {
                waiting.choose(member).ifPresent(task -> {
                    waiting.taken(task);
                    claim(task.task(), member);
                });
            }
        }
    }

    private boolean idle(String member) {
        return EngineerHolds.of(runtime, member).count() == 0;
    }

    /**
     * A waiting task whose dependencies are merged, the engineer it is reserved for (or null), the
     * manager whose engineers alone may claim it (or null), and the engineer that worked on it
     * before a human's decision (null on its first claim).
     */
    private record Claimable(
            ExternalTask task,
            @Nullable Object assignedTo,
            @Nullable String manager,
            @Nullable String previous) {}

    private boolean mayGoTo(Claimable task, String member) {
        if (!managers.mayClaim(member, task.manager())) {
            return false;
        }
        if (task.assignedTo() != null) {
            return task.assignedTo().equals(member); // a person's choice wins over the previous engineer
        }
        return task.previous() == null || task.previous().equals(member) || !waitsFor(task.previous());
    }

    /**
     * Whether a task taken up again waits for its previous engineer: one in the team and not held by
     * another task. Idle, or in a message turn in the worktree that still has the task's branch, it
     * is the one to continue.
     */
    private boolean waitsFor(String previous) {
        return engineers.contains(previous) && idle(previous);
    }

    /** The waiting tasks, most urgent first (priority, then age). */
    private List<ExternalTask> waitingTasks() {
        return externalTasks
                .createExternalTaskQuery()
                .topicName(ProcessIds.TOPIC_CLAIM)
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .notLocked()
                .orderByPriority()
                .desc()
                .orderByCreateTime()
                .asc()
                .list();
    }

    /**
     * One round's waiting tasks, read as far as the choices need: a task's variables and whether
     * its dependencies are merged are read the first time it is considered, and kept.
     */
    private final class Waiting {

        private final List<ExternalTask> tasks;
        /** By task id: the task, or empty while a dependency is not merged. */
        private final Map<String, Optional<Claimable>> read = new HashMap<>();
        /** What this round already found out, per dependency task id. */
        private final Map<String, Boolean> merged = new HashMap<>();

        Waiting(List<ExternalTask> tasks) {
            this.tasks = new ArrayList<>(tasks);
        }

        /**
         * The member's own task taken up again first, else the most urgent it may take. Only a
         * task taken up again (Task_ReclaimEngineer) has a previous engineer: a first claim sets it.
         */
        Optional<Claimable> choose(String member) {
            for (ExternalTask task : tasks) {
                if (ProcessIds.TASK_RECLAIM_ENGINEER.equals(task.getActivityId())) {
                    Optional<Claimable> own =
                            claimable(task).filter(c -> member.equals(c.previous()) && mayGoTo(c, member));
                    if (own.isPresent()) {
                        return own;
                    }
                }
            }
            for (ExternalTask task : tasks) {
                Optional<Claimable> next = claimable(task).filter(c -> mayGoTo(c, member));
                if (next.isPresent()) {
                    return next;
                }
            }
            return Optional.empty();
        }

        void taken(Claimable task) {
            tasks.remove(task.task());
        }

        private Optional<Claimable> claimable(ExternalTask task) {
            return read.computeIfAbsent(task.getId(), id -> {
                Map<String, Object> variables = runtime.getVariables(
                        task.getProcessInstanceId(),
                        List.of(
                                ProcessVariables.ASSIGNED_TO,
                                ProcessVariables.DEPENDS_ON,
                                ProcessVariables.MANAGER,
                                ProcessVariables.MEMBER));
                TaskVariables values = TaskVariables.of(variables, "task " + task.getBusinessKey());
                if (!dependenciesMerged(values.list(ProcessVariables.DEPENDS_ON), merged)) {
                    return Optional.empty();
                }
                return Optional.of(new Claimable(
                        task,
                        variables.get(ProcessVariables.ASSIGNED_TO),
                        values.text(ProcessVariables.MANAGER),
                        values.text(ProcessVariables.MEMBER)));
            });
        }
    }

    /** Locked and completed by id, so the task chosen is the one claimed. */
    private void claim(ExternalTask task, String member) {
        externalTasks.lock(task.getId(), member, lockMillis);
        externalTasks.complete(task.getId(), member, Map.of(ProcessVariables.MEMBER, member));
        log.info("{} claimed task {}", member, task.getBusinessKey());
    }

    /**
     * A task whose dependency was abandoned or cancelled fails this forever: the read model shows
     * it as {@link TaskStatus#BLOCKED}; nothing here needs to know.
     *
     * @param merged what this round already found out, per task id
     */
    private boolean dependenciesMerged(List<String> dependsOn, Map<String, Boolean> merged) {
        for (String dependency : dependsOn) {
            boolean isMerged = merged.computeIfAbsent(
                    dependency,
                    id -> history.createHistoricProcessInstanceQuery()
                                    .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                                    .processInstanceBusinessKey(id)
                                    .variableValueEquals(ProcessVariables.STATUS, TaskStatus.MERGED.wireName())
                                    .count()
                            > 0);
            if (!isMerged) {
                return false;
            }
        }
        return true;
    }
}
