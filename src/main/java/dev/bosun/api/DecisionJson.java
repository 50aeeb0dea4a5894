package dev.bosun.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import dev.bosun.process.Escalations.Decision;

/** Reads {@code {"decision": "retry|abandon|merge", "guidance": "..."}} strictly, naming the bad field. */
final class DecisionJson {

    private static final List<String> FIELDS = List.of("decision", "guidance");
    /** In UTF-8 bytes; guidance reaches the agent's prompt like a task's body. */
    static final int MAX_GUIDANCE = 3_000;

    record Parsed(Decision decision, String guidance) {}

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
        return new Parsed(decision, guidance(json));
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
