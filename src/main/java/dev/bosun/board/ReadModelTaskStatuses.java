package dev.bosun.board;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.bosun.process.TaskStatus;
import dev.bosun.process.TaskStatuses;

/** The plan process's view of tasks, with the statuses only this read model derives. */
@Component
class ReadModelTaskStatuses implements TaskStatuses {

    private final TaskReadModel tasks;

    ReadModelTaskStatuses(TaskReadModel tasks) {
        this.tasks = tasks;
    }

    /** An abandoned task's last failure is read too: the replanning turn is told why it failed. */
    @Override
    public List<TaskState> ofPlan(String planId) {
        return tasks.ofPlan(planId).stream()
                .map(task -> TaskStatus.ABANDONED.is(task.status())
                        ? tasks.find(task.id())
                                .map(ReadModelTaskStatuses::state)
                                .orElse(state(task, null))
                        : state(task, null))
                .toList();
    }

    @Override
    public Optional<TaskState> find(String taskId) {
        return tasks.find(taskId).map(ReadModelTaskStatuses::state);
    }

    private static TaskState state(TaskDetails details) {
        return state(details.task(), details.failureReason());
    }

    private static TaskState state(TaskSummary task, String failureReason) {
        return new TaskState(task.id(), task.title(), task.status(), task.reason(), failureReason, task.plan());
    }
}
