package dev.bosun.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bosun.process.Escalations.Decision;

/** Reads {@code {"decision": "retry|abandon|merge", "guidance": "..."}} strictly, naming the bad field. */
final class DecisionJson {

    private static final List<String> FIELDS = List.of("decision", "guidance");
    private static final int MAX_GUIDANCE = 3_000;

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
        String guidance = NewTaskJson.optionalText(json, "guidance");
        if (guidance != null && guidance.length() > MAX_GUIDANCE) {
            throw new BadRequestException("guidance", "guidance must be at most " + MAX_GUIDANCE + " characters");
        }
        return new Parsed(decision, guidance);
    }
}
