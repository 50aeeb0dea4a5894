package dev.bosun.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.bosun.agent.MemberActivity;
import dev.bosun.board.TaskSummary;
import dev.bosun.process.TaskStatus;
import dev.bosun.team.Member;

/**
 * What {@code bosun status} shows: every member with its state and task, the tasks grouped by
 * status, and who holds the merge lock.
 *
 * @param tasks status → tasks in id order; every status appears, empty ones too, so scripts can index
 */
record TeamStatus(
        String team,
        List<MemberStatus> members,
        Map<String, List<TaskSummary>> tasks,
        @Nullable String mergeLockHolder) {

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
                            turn.map(MemberActivity.Turn::lastOutput).orElse(null));
                })
                .toList();
        Map<String, List<TaskSummary>> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(status -> byStatus.put(
                status, allTasks.stream().filter(t -> status.equals(t.status())).toList()));
        allTasks.stream()
                .map(TaskSummary::status)
                .filter(s -> !byStatus.containsKey(s))
                .distinct()
                .forEach(status -> byStatus.put(
                        status,
                        allTasks.stream().filter(t -> status.equals(t.status())).toList()));
        return new TeamStatus(team, memberStates, byStatus, mergeLockHolder.orElse(null));
    }

    /** A member without a turn running, by its task's status. */
    private static String stateOf(TaskStatus task) {
        if (task == TaskStatus.INCIDENT) {
            return "incident";
        }
        return ACTIVE.contains(task) ? "working" : "idle";
    }
}
