package dev.bosun.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.bosun.plan.HeldTask;
import dev.bosun.plan.HeldTasks;

/**
 * Task_StartTasks: every held task becomes a task-lifecycle instance carrying the plan's id, and is
 * released in the same transaction (a crash leaves it held, to be started again, or started).
 */
@Component("startPlanTasks")
class StartPlanTasksDelegate implements JavaDelegate {

    private final HeldTasks held;
    private final CamundaTaskLifecycle lifecycle;

    StartPlanTasksDelegate(HeldTasks held, CamundaTaskLifecycle lifecycle) {
        this.held = held;
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskVariables plan = TaskVariables.of(execution);
        String planId = plan.string(PlanVariables.PLAN_ID);
        List<String> added = new ArrayList<>();
        for (HeldTask task : held.of(planId)) {
            lifecycle.startWithId(
                    task.taskId(),
                    new NewTask(
                            task.title(),
                            task.body(),
                            TaskPriority.parse(task.priority()).orElse(TaskPriority.NORMAL),
                            task.dependsOn(),
                            task.createdBy(),
                            task.manager()),
                    planId);
            held.release(task.taskId());
            added.add(task.taskId());
        }
        List<String> started = new ArrayList<>(plan.list(PlanVariables.STARTED_TASKS));
        started.addAll(added);
        execution.setVariable(PlanVariables.ADDED_TASKS, TaskVariables.listValue(added));
        execution.setVariable(PlanVariables.STARTED_TASKS, TaskVariables.listValue(started));
    }
}
