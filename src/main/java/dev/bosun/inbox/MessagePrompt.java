package dev.bosun.inbox;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a message turn: each message with its id, sender and address (a role-addressed
 * message says so, because the agent then speaks for the role), oldest first.
 */
final class MessagePrompt {

    private MessagePrompt() {}

    static String of(String member, List<Message> messages) {
        return messages.stream()
                .map(m -> "Message " + m.id() + " from " + m.from() + (m.to().equals(member) ? "" : " to " + m.to())
                        + ":\n" + m.body().strip())
                .collect(Collectors.joining("\n\n---\n\n"));
    }
}
