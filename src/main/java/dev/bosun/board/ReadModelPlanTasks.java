package dev.bosun.board;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.bosun.usage.PlanTasks;

/** The plan budget's view of a plan: the tasks the read model says it started. */
@Component
class ReadModelPlanTasks implements PlanTasks {

    private final TaskReadModel tasks;

    ReadModelPlanTasks(TaskReadModel tasks) {
        this.tasks = tasks;
    }

    @Override
    public List<String> of(String planId) {
        return tasks.ofPlan(planId).stream().map(TaskSummary::id).toList();
    }
}
