package dev.bosun.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.bosun.agent.MemberActivity;
import dev.bosun.board.TaskSummary;
import dev.bosun.process.TaskStatus;
import dev.bosun.team.Member;
import dev.bosun.usage.UsageTotals;

/**
 * What {@code bosun status} shows: every member with its state and task, the tasks grouped by
 * status, who holds the merge lock, and what the agents' turns cost.
 *
 * @param tasks status → tasks in id order; every status appears, empty ones too, so scripts can index.
 *     A finished status (merged, abandoned, cancelled) lists its latest {@link #FINISHED_SHOWN}
 *     tasks only: they only grow, and the whole history made every call slower ({@code GET
 *     /api/tasks?status=merged} has them all)
 * @param taskCounts status → how many tasks have it, listed or not
 */
record TeamStatus(
        String team,
        List<MemberStatus> members,
        Map<String, List<TaskSummary>> tasks,
        Map<String, Integer> taskCounts,
        @Nullable String mergeLockHolder,
        Usage usage) {

    static final int FINISHED_SHOWN = 50;

    /**
     * What the recorded turns cost.
     *
     * @param members per member that took a turn (message and planning turns included), by name
     * @param plans   per plan whose tasks took turns: the sum over the plan's tasks, by plan id
     * @param total   every turn recorded
     */
    record Usage(Map<String, UsageTotals> members, Map<String, UsageTotals> plans, UsageTotals total) {

        /** @param perTask what each task's turns cost, by task id */
        static Usage of(
                Map<String, UsageTotals> perMember,
                Map<String, UsageTotals> perTask,
                List<TaskSummary> allTasks,
                UsageTotals total) {
            Map<String, UsageTotals> plans = new TreeMap<>(TeamStatus::byNumber);
            for (TaskSummary task : allTasks) {
                UsageTotals spent = perTask.get(task.id());
                if (task.plan() != null && spent != null) {
                    plans.merge(task.plan(), spent, UsageTotals::plus);
                }
            }
            return new Usage(perMember, new LinkedHashMap<>(plans), total);
        }
    }

    static final List<String> STATUSES = TaskStatus.wireNames();
    private static final Set<TaskStatus> ACTIVE =
            Set.of(TaskStatus.IN_PROGRESS, TaskStatus.TESTING, TaskStatus.MERGING);

    /**
     * @param state idle, working (a turn runs, or its task is being tested or merged), stalled
     *              (a turn whose terminal printed nothing for the stall timeout), or incident (its
     *              task's step failed in Bosun's own code: {@code bosun task retry} once fixed)
     * @param task  the member's unfinished task, or null
     * @param lastOutput when its running turn last printed, or null
     */
    record MemberStatus(
            String name,
            String role,
            String roleType,
            @Nullable String reportsTo,
            String state,
            @Nullable String task,
            @Nullable String taskStatus,
            @Nullable Instant lastOutput) {}

    static TeamStatus of(
            String team,
            List<Member> members,
            List<TaskSummary> allTasks,
            MemberActivity activity,
            Duration stallTimeout,
            Optional<String> mergeLockHolder,
            Usage usage,
            Instant now) {
        List<MemberStatus> memberStates = members.stream()
                .map(member -> {
                    Optional<TaskSummary> task = allTasks.stream()
                            .filter(t -> t.heldBy(member.name()))
                            .findFirst();
                    Optional<MemberActivity.Turn> turn = activity.turn(member.name());
                    String state = turn.map(t -> t.stalled(now, stallTimeout) ? "stalled" : "working")
                            .orElse(task.flatMap(t -> TaskStatus.find(t.status()))
                                    .map(TeamStatus::stateOf)
                                    .orElse("idle"));
                    return new MemberStatus(
                            member.name(),
                            member.role().name(),
                            member.role().type().yamlName(),
                            member.reportsTo(),
                            state,
                            task.map(TaskSummary::id).orElse(null),
                            task.map(TaskSummary::status).orElse(null),
                            turn.map(MemberActivity.Turn::lastSignOfLife).orElse(null));
                })
                .toList();
        Map<String, List<TaskSummary>> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(status -> byStatus.put(status, new ArrayList<>()));
        for (TaskSummary task : allTasks) {
            byStatus.computeIfAbsent(task.status(), s -> new ArrayList<>()).add(task);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        byStatus.forEach((status, tasks) -> {
            counts.put(status, tasks.size());
            boolean finished = TaskStatus.find(status).map(TaskStatus::finished).orElse(false);
            if (finished && tasks.size() > FINISHED_SHOWN) {
                byStatus.put(status, List.copyOf(tasks.subList(tasks.size() - FINISHED_SHOWN, tasks.size())));
            }
        });
        return new TeamStatus(team, memberStates, byStatus, counts, mergeLockHolder.orElse(null), usage);
    }

    /** Plan ids are numbers: 10 after 9. */
    private static int byNumber(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** A member without a turn running, by its task's status. */
    private static String stateOf(TaskStatus task) {
        if (task == TaskStatus.INCIDENT) {
            return "incident";
        }
        return ACTIVE.contains(task) ? "working" : "idle";
    }
}
