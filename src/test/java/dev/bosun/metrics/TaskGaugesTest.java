package dev.bosun.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.bosun.board.TaskDetails;
import dev.bosun.board.TaskReadModel;
import dev.bosun.board.TaskSummary;

/** What the task gauges count, on a read model of chosen tasks. */
class TaskGaugesTest {

    @Test
    void aTaskToDoWaitsForAnEngineerOnlyOnceEveryDependencyIsMerged() {
        List<TaskSummary> tasks = List.of(
                task("1", "merged"),
                task("2", "in-progress"),
                task("3", "todo"),
                task("4", "todo", "1"),
                task("5", "todo", "2"),
                task("6", "todo", "1", "2"),
                task("7", "blocked", "8"),
                task("8", "abandoned"),
                task("9", "escalated"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TaskGauges(readModel(tasks)).bindTo(registry);

        assertThat(registry.get("bosun.tasks.waiting.for.engineer").gauge().value())
                .as("3 and 4; 5 and 6 wait for task 2")
                .isEqualTo(2);
        assertThat(registry.get("bosun.tasks").tag("status", "todo").gauge().value())
                .isEqualTo(4);
        assertThat(registry.get("bosun.tasks").tag("status", "merged").gauge().value())
                .isEqualTo(1);
        assertThat(registry.get("bosun.tasks").tag("status", "blocked").gauge().value())
                .isEqualTo(1);
        assertThat(registry.get("bosun.tasks")
                        .tag("status", "cancelled")
                        .gauge()
                        .value())
                .as("every status has its gauge, zero included")
                .isZero();
    }

    private static TaskSummary task(String id, String status, String... dependsOn) {
        return new TaskSummary(
                id, "task " + id, "normal", status, "eng-1", 1, "eng-1/" + id, "", null, List.of(dependsOn), null);
    }

    private static TaskReadModel readModel(List<TaskSummary> tasks) {
        return new TaskReadModel() {
            @Override
            public List<TaskSummary> all() {
                return tasks;
            }

            @Override
            public List<TaskSummary> ofPlan(String planId) {
                return List.of();
            }

            @Override
            public Optional<TaskDetails> find(String taskId) {
                return Optional.empty();
            }
        };
    }
}
