package dev.bosun.process;

import org.springframework.stereotype.Component;

import dev.bosun.plan.PlanCheck.Dependency;
import dev.bosun.plan.PlanCheck.Kind;

/** What a task a plan's held task depends on is, for {@link dev.bosun.plan.PlanCheck}. */
@Component
class PlanDependencies {

    private final TaskStatuses tasks;

    PlanDependencies(TaskStatuses tasks) {
        this.tasks = tasks;
    }

    Dependency of(String planId, String taskId) {
        return tasks.find(taskId).map(task -> kind(planId, task)).orElse(Dependency.of(Kind.UNKNOWN));
    }

    private static Dependency kind(String planId, TaskStatuses.TaskState task) {
        if (TaskStatus.MERGED.is(task.status())) {
            return Dependency.of(Kind.MERGED);
        }
        if (planId.equals(task.planId())) {
            boolean failed = TaskStatus.find(task.status())
                    .filter(s -> s.failed() || s == TaskStatus.BLOCKED)
                    .isPresent();
            return failed ? new Dependency(Kind.FAILED_IN_THIS_PLAN, task.status()) : Dependency.of(Kind.IN_THIS_PLAN);
        }
        return task.planId() != null
                ? new Dependency(Kind.IN_OTHER_PLAN, task.planId())
                : Dependency.of(Kind.NOT_IN_PLAN);
    }
}
