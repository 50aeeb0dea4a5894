package dev.bosun.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.bosun.process.PlanStatus;
import dev.bosun.process.TaskStatus;

/**
 * The {@code ## PLANS} part of the board: one block per plan, the unfinished ones first (by id), then
 * the {@value #RECENT_FINISHED} most recently finished. A block lists the plan's tasks in one compact
 * line each (status, assignee, what it waits for) without a checkbox, so the status sections below
 * stay the one checklist with one box per task.
 *
 * <p>A pure function, like {@link BoardMarkdown}: the counts in a block's heading come from the
 * tasks it lists, not from {@link PlanSummary#tasks()}, so heading and lines never disagree when
 * a task moved between the two reads.
 */
final class BoardPlans {

    /** Enough to see what just ended; {@code bosun plan list} has the rest. */
    static final int RECENT_FINISHED = 3;

    /** Most recently ended first; a finished plan without an end time sorts last, ties by id. */
    private static final Comparator<PlanSummary> RECENTLY_ENDED = Comparator.comparing(
                    PlanSummary::endedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .reversed()
            .thenComparing(BoardPlans::planOrder);

    private BoardPlans() {}

    /** Appends nothing when there is no plan: a team that never plans keeps the board it had. */
    static void append(StringBuilder out, List<PlanSummary> plans, List<TaskSummary> tasks) {
        if (plans.isEmpty()) {
            return;
        }
        List<PlanSummary> unfinished = new ArrayList<>();
        List<PlanSummary> finished = new ArrayList<>();
        for (PlanSummary plan : plans) {
            (finished(Objects.requireNonNull(plan, "plan")) ? finished : unfinished).add(plan);
        }
        unfinished.sort(BoardPlans::planOrder);
        finished.sort(RECENTLY_ENDED);

        Map<String, List<TaskSummary>> byPlan = new HashMap<>();
        for (TaskSummary task : tasks) {
            if (task.plan() != null) {
                byPlan.computeIfAbsent(task.plan(), p -> new ArrayList<>()).add(task);
            }
        }

        out.append("\n## PLANS\n");
        for (PlanSummary plan : unfinished) {
            appendBlock(out, plan, byPlan.getOrDefault(plan.id(), List.of()));
        }
        for (PlanSummary plan : finished.subList(0, Math.min(RECENT_FINISHED, finished.size()))) {
            appendBlock(out, plan, byPlan.getOrDefault(plan.id(), List.of()));
        }
        int older = finished.size() - RECENT_FINISHED;
        if (older > 0) {
            out.append("\n_")
                    .append(older)
                    .append(older == 1 ? " earlier finished plan" : " earlier finished plans")
                    .append(" not shown: `bosun plan list`._\n");
        }
    }

    private static void appendBlock(StringBuilder out, PlanSummary plan, List<TaskSummary> ofPlan) {
        String title = BoardMarkdown.oneLine(plan.title());
        out.append("\n### Plan ").append(BoardMarkdown.oneLine(plan.id()));
        if (!title.isEmpty()) {
            out.append(": ").append(title);
        }
        out.append(" [").append(BoardMarkdown.oneLine(plan.status())).append(']');
        if (ofPlan.isEmpty()) {
            // Planning: the architect's tasks are held until its turn ends, and not on the board yet.
            out.append("\n_no task started yet_\n");
            return;
        }
        long merged = ofPlan.stream()
                .filter(t -> BoardMarkdown.status(t) == TaskStatus.MERGED)
                .count();
        out.append(' ').append(merged).append('/').append(ofPlan.size()).append(" merged\n");
        List<TaskSummary> sorted = new ArrayList<>(ofPlan);
        sorted.sort(BoardMarkdown.BY_ID);
        for (TaskSummary task : sorted) {
            appendTask(out, task);
        }
    }

    /** {@code - #8 Greet both [blocked] (unassigned) after #5, #6: depends on task 6, which was abandoned} */
    private static void appendTask(StringBuilder out, TaskSummary task) {
        TaskStatus status = BoardMarkdown.status(task);
        String assignee = BoardMarkdown.oneLine(task.assignee());
        // As set, even one no TaskStatus knows (a process file edited in Modeler): the block says what is.
        String shown = BoardMarkdown.oneLine(task.status());
        out.append("- #")
                .append(BoardMarkdown.oneLine(task.id()))
                .append(' ')
                .append(BoardMarkdown.oneLine(task.title()))
                .append(" [")
                .append(shown.isEmpty() ? status.wireName() : shown)
                .append("] (")
                .append(assignee.isEmpty() ? "unassigned" : assignee)
                .append(')');
        if (!task.dependsOn().isEmpty()) {
            out.append(" after ")
                    .append(task.dependsOn().stream()
                            .map(id -> "#" + BoardMarkdown.oneLine(id))
                            .collect(Collectors.joining(", ")));
        }
        String reason = BoardMarkdown.oneLine(task.reason());
        if ((status == TaskStatus.BLOCKED || status == TaskStatus.CANCELLED) && !reason.isEmpty()) {
            out.append(": ").append(reason);
        }
        out.append('\n');
    }

    /** An unknown status (a process file edited in Modeler) is still live work, as for tasks. */
    private static boolean finished(PlanSummary plan) {
        return PlanStatus.find(plan.status()).map(PlanStatus::finished).orElse(false);
    }

    private static int planOrder(PlanSummary a, PlanSummary b) {
        return BoardMarkdown.ID_ORDER.compare(a.id(), b.id());
    }
}
