package dev.bosun.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.bosun.board.TaskSummary;
import dev.bosun.usage.UsageTotals;

/** {@code usage.plans} of {@code /api/status}: the sum over each plan's tasks, as the read model lists them. */
class TeamStatusUsageTest {

    static TaskSummary task(String id, @Nullable String plan) {
        return new TaskSummary(id, "t" + id, "normal", "merged", "eng-1", 1, null, null, null, List.of(), plan);
    }

    static UsageTotals spent(long tokens, @Nullable String usd) {
        return new UsageTotals(1, 0, tokens, 0, usd == null ? null : new BigDecimal(usd));
    }

    @Test
    void aPlanSpentWhatItsTasksSpentAndTasksOnTheirOwnCountInNoPlan() {
        Map<String, UsageTotals> perTask = Map.of(
                "4", spent(100, "0.01"),
                "5", spent(200, null),
                "6", spent(400, "0.02"),
                "12", spent(800, "1"));
        List<TaskSummary> tasks = List.of(
                task("4", "3"), task("5", "3"), task("6", null), task("7", "3"), task("12", "10"), task("13", "9"));
        UsageTotals total = spent(1500, "1.03");

        TeamStatus.Usage usage = TeamStatus.Usage.of(Map.of("eng-1", total), perTask, tasks, total);

        assertThat(usage.plans())
                .as("plans by number, a plan whose tasks took no turn left out")
                .containsExactly(
                        Map.entry("3", new UsageTotals(2, 0, 300, 0, new BigDecimal("0.01"))),
                        Map.entry("10", spent(800, "1")));
        assertThat(usage.members()).containsEntry("eng-1", total);
        assertThat(usage.total()).isEqualTo(total);
    }

    @Test
    void finishedStatusesListTheirLatestTasksAndCountThemAll() {
        List<TaskSummary> tasks = new java.util.ArrayList<>();
        for (int id = 1; id <= TeamStatus.FINISHED_SHOWN + 2; id++) {
            tasks.add(withStatus(String.valueOf(id), "merged"));
        }
        tasks.add(withStatus("100", "todo"));

        TeamStatus status = TeamStatus.of(
                "team",
                List.of(),
                tasks,
                null,
                java.time.Duration.ofMinutes(5),
                java.util.Optional.empty(),
                TeamStatus.Usage.of(Map.of(), Map.of(), tasks, spent(0, null)),
                java.time.Instant.now());

        assertThat(status.taskCounts())
                .containsEntry("merged", TeamStatus.FINISHED_SHOWN + 2)
                .containsEntry("todo", 1);
        assertThat(status.tasks().get("merged"))
                .extracting(TaskSummary::id)
                .hasSize(TeamStatus.FINISHED_SHOWN)
                .startsWith("3")
                .endsWith(String.valueOf(TeamStatus.FINISHED_SHOWN + 2));
        assertThat(status.tasks().get("todo")).extracting(TaskSummary::id).containsExactly("100");
        assertThat(status.tasks()).containsKey("escalated");
    }

    private static TaskSummary withStatus(String id, String status) {
        return new TaskSummary(id, "Task " + id, "normal", status, "eng-1", 1, null, null, null, List.of(), null);
    }
}
