package dev.bosun.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import dev.bosun.board.TaskReadModel;
import dev.bosun.board.TaskSummary;
import dev.bosun.process.TaskStatus;

/**
 * {@code bosun_tasks{status}} and {@code bosun_tasks_waiting_for_engineer}, read from the board's
 * read model (the engine's state, so every node of a cluster reports the same numbers: aggregate
 * them with {@code max}, not {@code sum}). One read serves every gauge of a scrape: the snapshot
 * is kept for a second.
 */
@Component
class TaskGauges implements MeterBinder {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final TaskReadModel tasks;
    private List<TaskSummary> snapshot = List.of();
    private long takenAt;
    private boolean taken;

    TaskGauges(TaskReadModel tasks) {
        this.tasks = tasks;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("bosun.tasks", this, gauges -> gauges.count(status))
                    .description("Tasks by status (the engine's state, finished tasks included)")
                    .tag("status", status.wireName())
                    .register(registry);
        }
        Gauge.builder("bosun.tasks.waiting.for.engineer", this, TaskGauges::waitingForEngineer)
                .description("Tasks to do whose dependencies are all merged: only an idle engineer is missing")
                .register(registry);
    }

    double count(TaskStatus status) {
        return current().stream()
                .filter(task -> status.wireName().equals(task.status()))
                .count();
    }

    /** To do, and every task it depends on is merged (a task waiting for a dependency waits for that, not an engineer). */
    double waitingForEngineer() {
        List<TaskSummary> all = current();
        Map<String, String> statusById =
                all.stream().collect(Collectors.toMap(TaskSummary::id, TaskSummary::status, (a, b) -> a));
        Set<String> merged = statusById.entrySet().stream()
                .filter(e -> TaskStatus.MERGED.wireName().equals(e.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return all.stream()
                .filter(task -> TaskStatus.TODO.wireName().equals(task.status()))
                .filter(task -> merged.containsAll(task.dependsOn()))
                .count();
    }

    private synchronized List<TaskSummary> current() {
        long now = System.nanoTime();
        if (!taken || now - takenAt >= FRESH_FOR.toNanos()) {
            snapshot = tasks.all();
            takenAt = now;
            taken = true;
        }
        return snapshot;
    }
}
