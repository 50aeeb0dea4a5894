package dev.bosun.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bosun.inbox.Inboxes;
import dev.bosun.inbox.Message;

/**
 * Reads {@code {"to", "body"}} strictly (unknown fields are refused) and writes a message. A
 * {@code from} is accepted, for clients that still send it, and ignored: the sender is the caller.
 */
final class MessageJson {

    private static final List<String> FIELDS = List.of("from", "to", "body");

    record NewMessage(String to, String body) {}

    /** A message as {@code /api/messages} shows it; {@code status} is queued, delivering or delivered. */
    record View(
            long id,
            String from,
            String to,
            String deliveredTo,
            String body,
            String status,
            Instant createdAt,
            Instant deliveredAt) {

        static View of(Message message) {
            return new View(
                    message.id(),
                    message.from(),
                    message.to(),
                    message.deliveredTo(),
                    message.body(),
                    message.status().name().toLowerCase(Locale.ROOT),
                    message.createdAt(),
                    message.deliveredAt());
        }
    }

    private MessageJson() {}

    /** Only the JSON shape is checked here; what the values mean is the inbox's to judge. */
    static NewMessage parse(JsonNode json) {
        NewTaskJson.requireObjectOf(json, FIELDS);
        NewTaskJson.optionalText(json, "from");
        String body = NewTaskJson.optionalText(json, "body");
        if (body != null) {
            // The inbox counts characters; what reaches an agent's prompt is bytes.
            FieldText.requireAtMostBytes("body", body, Inboxes.MAX_BODY);
        }
        return new NewMessage(NewTaskJson.optionalText(json, "to"), body);
    }
}
