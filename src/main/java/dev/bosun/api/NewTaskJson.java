package dev.bosun.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import dev.bosun.process.NewTask;
import dev.bosun.process.TaskPriority;

/**
 * Reads {@code {"title", "body", "priority", "dependsOn", "manager", "plan"}} strictly: every problem is a 400 naming
 * the field, and unknown fields are refused rather than silently ignored (a typo must not lose a
 * priority). A {@code createdBy} is accepted, for clients that still send it, and ignored: the
 * creator is the caller.
 */
final class NewTaskJson {

    /** In UTF-8 bytes, as every limit here. */
    static final int MAX_TITLE = 200;

    private static final Pattern TASK_ID = Pattern.compile("[0-9]{1,18}");
    /**
     * 256 KiB: a long specification fits (60,000 × '中' is 180,000 bytes). A prompt this long no
     * longer fits one argv element (Linux caps it at 128 KiB), so it reaches the agent in a file
     * ({@code dev.bosun.agent.PromptFile}); the limit only keeps one request, its copy in the
     * engine and every prompt built from it a sensible size.
     */
    static final int MAX_BODY = 256 * 1024;

    private static final List<String> FIELDS =
            List.of("title", "body", "priority", "dependsOn", "manager", "plan", "createdBy");

    private NewTaskJson() {}

    static NewTask parse(JsonNode json, String createdBy) {
        requireObjectOf(json, FIELDS);
        optionalText(json, "createdBy");
        String title = optionalText(json, "title");
        if (title == null || title.isBlank()) {
            throw new BadRequestException("title", "title must not be empty");
        }
        FieldText.requireAtMostBytes("title", title, MAX_TITLE);
        String priorityText = optionalText(json, "priority");
        TaskPriority priority = priorityText == null
                ? TaskPriority.NORMAL
                : TaskPriority.parse(priorityText)
                        .orElseThrow(() -> new BadRequestException(
                                "priority",
                                "unknown priority '" + priorityText + "'; expected one of " + TaskPriority.labels()));
        String body = optionalText(json, "body");
        if (body != null) {
            FieldText.requireAtMostBytes("body", body, MAX_BODY);
        }
        String manager = optionalText(json, "manager");
        if (manager != null && manager.isBlank()) {
            throw new BadRequestException("manager", "manager must name a manager of the team, or be left out");
        }
        return new NewTask(title.strip(), body == null ? "" : body, priority, dependsOn(json), createdBy, manager);
    }

    /** The plan whose planning turn the task is added in (an id, as text or a number), or null. */
    static @Nullable String plan(JsonNode json) {
        JsonNode node = json.get("plan");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            FieldText.requireValid("plan", node.asText()); // the error below echoes it
        }
        return planId(node.isIntegralNumber() || node.isTextual() ? node.asText() : "", node.toString());
    }

    /** {@code text} as a plan id; {@code shown} is how the value appears in the error. */
    static String planId(String text, String shown) {
        String id = text.strip();
        if (!TASK_ID.matcher(id).matches()) {
            throw new BadRequestException("plan", "plan must be a plan id (a number), got " + shown);
        }
        return id;
    }

    /** Task ids as strings or numbers: {@code [1, "2"]}. */
    private static List<String> dependsOn(JsonNode json) {
        JsonNode node = json.get("dependsOn");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadRequestException(
                    "dependsOn",
                    "dependsOn must be a list of task ids, got "
                            + node.getNodeType().name().toLowerCase());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode element : node) {
            if (element.isTextual()) {
                FieldText.requireValid("dependsOn", element.asText()); // the error below echoes it
            }
            String id = element.isIntegralNumber() || element.isTextual()
                    ? element.asText().strip()
                    : "";
            if (!TASK_ID.matcher(id).matches()) {
                throw new BadRequestException("dependsOn", "dependsOn must hold task ids (numbers), got " + element);
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The body is a JSON object with no fields but {@code fields}: a typo must not be ignored. */
    static void requireObjectOf(JsonNode json, List<String> fields) {
        String expected = String.join(", ", fields);
        if (json == null || !json.isObject()) {
            throw new BadRequestException(null, "the request body must be a JSON object with " + expected);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (FieldText.problem(name).isPresent()) {
                // not echoed: the answer could not carry it intact
                throw new BadRequestException(
                        null, "a field name must be valid Unicode without NUL; expected " + expected);
            }
            if (!fields.contains(name)) {
                throw new BadRequestException(name, "unknown field '" + name + "'; expected " + expected);
            }
        }
    }

    /** The field's text (null when absent or null), refused when it is not a string or not clean text ({@link FieldText}). */
    static @Nullable String optionalText(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequestException(
                    field,
                    field + " must be a string, got "
                            + node.getNodeType().name().toLowerCase());
        }
        String text = node.asText();
        FieldText.requireValid(field, text);
        return text;
    }
}
