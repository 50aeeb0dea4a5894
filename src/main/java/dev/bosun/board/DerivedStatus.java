package dev.bosun.board;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.bosun.process.TaskStatus;

/**
 * The one home of the two statuses no listener sets ({@link TaskStatus#setByTheProcess()} is the
 * rest): a task whose instance ended without reaching an end event is {@code cancelled} (Cockpit's
 * "cancel", {@code RuntimeService.deleteProcessInstance}, a plan cancelling its tasks; with or
 * without custom listeners), and a waiting task that depends on a task that was abandoned or
 * cancelled, or is itself blocked, is {@code blocked}: the claim round only claims a task whose
 * dependencies are merged, so such a task would otherwise sit in {@code todo} forever.
 *
 * <p>Derived when read, from the engine's history (the source of truth), rather than written by
 * the claim round: that round reads waiting tasks only when an engineer is idle, so a busy team
 * would show a stale status; and an instance deleted with {@code skipCustomListeners} runs no
 * code of Bosun's at all.
 *
 * <p>Not thread-safe: one instance per read, since it remembers what it derived (a chain of
 * dependencies is walked once).
 */
final class DerivedStatus {

    /**
     * What the engine's history says about one task.
     *
     * @param status       its {@code status} variable, null when never set
     * @param terminated   its instance ended without reaching an end event (the historic state
     *                     {@code EXTERNALLY_TERMINATED} or {@code INTERNALLY_TERMINATED})
     * @param deleteReason the reason the engine recorded for that end, or null
     * @param dependsOn    the ids of the tasks it waits for
     * @param incident     "activity: message" of its open incident (a step that failed in Bosun's
     *                     own code), or null
     */
    record Facts(
            String id,
            @Nullable String status,
            boolean terminated,
            @Nullable String deleteReason,
            List<String> dependsOn,
            @Nullable String incident) {
        Facts {
            dependsOn = List.copyOf(dependsOn);
        }

        Facts(
                String id,
                @Nullable String status,
                boolean terminated,
                @Nullable String deleteReason,
                List<String> dependsOn) {
            this(id, status, terminated, deleteReason, dependsOn, null);
        }
    }

    /**
     * @param status the wire name shown
     * @param reason why it is blocked (names the dependency and what happened to it) or cancelled
     *               (the engine's delete reason); null otherwise
     */
    record Shown(String status, @Nullable String reason) {}

    private final Function<String, Optional<Facts>> dependencies;
    private final Map<String, Shown> derived = new HashMap<>();
    private final Set<String> walking = new HashSet<>();

    /** @param dependencies finds a task's facts by id; empty for an unknown id */
    DerivedStatus(Function<String, Optional<Facts>> dependencies) {
        this.dependencies = dependencies;
    }

    Shown of(Facts task) {
        Shown known = derived.get(task.id());
        if (known != null) {
            return known;
        }
        if (!walking.add(task.id())) {
            // A cycle (ids are checked when a task is added, so only an edited variable makes one):
            // nothing in it is claimable, but nothing in it failed either.
            return new Shown(statusVariable(task), null);
        }
        try {
            Shown shown = derive(task);
            derived.put(task.id(), shown);
            return shown;
        } finally {
            walking.remove(task.id());
        }
    }

    private Shown derive(Facts task) {
        if (task.terminated()) {
            return new Shown(TaskStatus.CANCELLED.wireName(), task.deleteReason());
        }
        if (task.incident() != null) {
            return new Shown(TaskStatus.INCIDENT.wireName(), task.incident());
        }
        String status = statusVariable(task);
        if (!TaskStatus.TODO.is(status)) {
            return new Shown(status, null); // claimed: its dependencies were merged
        }
        for (String dependency : task.dependsOn()) {
            Optional<Shown> shown = dependencies.apply(dependency).map(this::of);
            if (shown.isPresent()) {
                Optional<String> reason = blocking(dependency, shown.get());
                if (reason.isPresent()) {
                    return new Shown(TaskStatus.BLOCKED.wireName(), reason.get());
                }
            }
        }
        return new Shown(status, null);
    }

    /** Why a dependency in this state blocks, or empty when it may still be merged. */
    private static Optional<String> blocking(String dependency, Shown shown) {
        Optional<TaskStatus> status = TaskStatus.find(shown.status());
        if (status.filter(TaskStatus::failed).isPresent()) {
            return Optional.of("depends on task " + dependency + ", which was " + shown.status());
        }
        if (status.filter(TaskStatus.BLOCKED::equals).isPresent()) {
            return Optional.of("depends on task " + dependency + ", which is blocked (" + shown.reason() + ")");
        }
        return Optional.empty();
    }

    private static String statusVariable(Facts task) {
        return task.status() == null ? TaskStatus.TODO.wireName() : task.status();
    }
}
