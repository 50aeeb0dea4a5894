package dev.bosun.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import dev.bosun.process.Escalations.Decision;

/**
 * Reads {@code {"decision": "retry|abandon|merge", "guidance": "...", "reason": "..."}} strictly,
 * naming the bad field. A reason goes with abandon and merge (why); a retry's words are guidance.
 */
final class DecisionJson {

    private static final List<String> FIELDS = List.of("decision", "guidance", "reason");
    /** In UTF-8 bytes; guidance reaches the agent's prompt like a task's body. */
    static final int MAX_GUIDANCE = 3_000;
    /** In UTF-8 bytes; a reason is a sentence or two for whoever audits the task. */
    static final int MAX_REASON = 1_000;

    record Parsed(
            Decision decision,
            @Nullable String guidance,
            @Nullable String reason) {}

    private DecisionJson() {}

    static Parsed parse(JsonNode json) {
        NewTaskJson.requireObjectOf(json, FIELDS);
        String text = NewTaskJson.optionalText(json, "decision");
        Decision decision = Decision.find(text)
                .orElseThrow(() -> new BadRequestException(
                        "decision",
                        "decision must be one of "
                                + String.join(", ", Decision.wireNames())
                                + (text == null ? "" : "; got '" + text + "'")));
        String reason = reason(json);
        if (reason != null && decision == Decision.RETRY) {
            throw new BadRequestException(
                    "reason", "a reason goes with abandon or merge; tell a retry what to do with guidance");
        }
        return new Parsed(decision, guidance(json), reason);
    }

    /** The optional {@code reason} of an abandon or a merge. */
    static @Nullable String reason(JsonNode json) {
        String reason = NewTaskJson.optionalText(json, "reason");
        if (reason != null) {
            FieldText.requireAtMostBytes("reason", reason, MAX_REASON);
        }
        return reason == null || reason.isBlank() ? null : reason;
    }

    /** The optional {@code guidance} of a task's or a plan's decision. */
    static @Nullable String guidance(JsonNode json) {
        String guidance = NewTaskJson.optionalText(json, "guidance");
        if (guidance != null) {
            FieldText.requireAtMostBytes("guidance", guidance, MAX_GUIDANCE);
        }
        return guidance;
    }
}
