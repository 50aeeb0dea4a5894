package dev.bosun.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.runtime.PollLoop;

/**
 * Task_WatchTasks: completes a running plan's watch step once its round is over
 * ({@link PlanRounds#judge}). The step is never fetched and held by a worker, because a plan may
 * run for days; each poll reads the waiting steps, and a step found over is locked and completed by
 * id, so when two nodes see it at once, one completes it and the other's lock is refused.
 */
final class PlanWatch {

    private static final Logger log = LoggerFactory.getLogger(PlanWatch.class);

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final TaskStatuses tasks;
    private final String workerId;
    private final Duration pollInterval;
    private final long lockMillis;

    PlanWatch(
            ExternalTaskService externalTasks,
            RuntimeService runtime,
            TaskStatuses tasks,
            String workerId,
            Duration pollInterval,
            Duration lockDuration) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.tasks = tasks;
        this.workerId = workerId;
        this.pollInterval = pollInterval;
        this.lockMillis = lockDuration.toMillis();
    }

    PollLoop loop(Duration backoff) {
        return new PollLoop("bosun-plan-watch", "watching plans", pollInterval, backoff, this::checkRunningPlans);
    }

    void checkRunningPlans() {
        List<ExternalTask> waiting = externalTasks
                .createExternalTaskQuery()
                .topicName(ProcessIds.TOPIC_PLAN_WATCH)
                .notLocked()
                .list();
        for (ExternalTask step : waiting) {
            TaskVariables plan = TaskVariables.of(
                    runtime.getVariables(
                            step.getProcessInstanceId(),
                            List.of(PlanVariables.PLAN_ID, PlanVariables.HANDLED_FAILURES)),
                    "Task_WatchTasks of plan " + step.getBusinessKey());
            List<String> handled = plan.list(PlanVariables.HANDLED_FAILURES);
            Optional<PlanRounds.RoundEnd> end =
                    PlanRounds.judge(tasks.ofPlan(plan.string(PlanVariables.PLAN_ID)), handled);
            end.ifPresent(roundEnd -> complete(step, roundEnd, handled));
        }
    }

    private void complete(ExternalTask step, PlanRounds.RoundEnd end, List<String> handled) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(
                PlanVariables.ROUND_OUTCOME, end.done() ? PlanVariables.OUTCOME_DONE : PlanVariables.OUTCOME_FAILURES);
        if (!end.done()) {
            List<String> seen = new ArrayList<>(handled);
            seen.addAll(end.newFailures());
            variables.put(PlanVariables.HANDLED_FAILURES, TaskVariables.listValue(seen));
            variables.put(PlanVariables.FAILURES, TextValues.store(end.failures()));
            variables.put(
                    PlanVariables.ESCALATION_REASON,
                    TextValues.store(
                            "tasks failed and the replanning turns are used up; what failed:\n" + end.failures()));
        }
        try {
            externalTasks.lock(step.getId(), workerId, lockMillis);
            externalTasks.complete(step.getId(), workerId, variables);
            log.info("plan {}: round over ({})", step.getBusinessKey(), end.done() ? "all merged" : "failures");
        } catch (ProcessEngineException anotherNodeWasFaster) {
            log.debug(
                    "plan {}: watch step taken elsewhere: {}",
                    step.getBusinessKey(),
                    anotherNodeWasFaster.getMessage());
        }
    }
}
