package dev.bosun.audit;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One human decision on a task's escalation.
 *
 * @param round    1 for the task's first decision, 2 for the next (a task may be escalated,
 *                 retried, escalated again)
 * @param decision the decision's wire name ({@code retry}, {@code abandon}, {@code merge})
 * @param by       who: the Camunda user (Tasklist, /engine-rest), the person the CLI names, the API
 *                 credential ({@code api-token}), or {@code unknown} for an engine call with no one
 *                 logged in
 * @param via      the channel: {@code tasklist}, {@code engine-rest}, {@code cli}, {@code api} or
 *                 {@code engine}
 * @param guidance what the engineer is told (null: none)
 * @param comment  what was written in the user task's comments (Tasklist's comment box), null: none
 * @param reason   why a task was abandoned or merged, as the decider gave it (null: none)
 */
public record TaskDecision(
        int round,
        String decision,
        String by,
        String via,
        Instant at,
        @Nullable String guidance,
        @Nullable String comment,
        @Nullable String reason) {

    public TaskDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(at, "at");
    }
}
