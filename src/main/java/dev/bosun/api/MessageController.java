package dev.bosun.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bosun.inbox.Inboxes;
import dev.bosun.inbox.InvalidMessageException;
import dev.bosun.inbox.Message;
import dev.bosun.inbox.MessageRefusedException;
import dev.bosun.inbox.UnknownMemberException;
import dev.bosun.security.Caller;
import dev.bosun.security.Redactor;

/**
 * {@code /api/messages}: send a message (201, 400 naming the field, 403 when talks_to refuses) and
 * read inboxes. The sender is the caller (an agent's member name, or {@code human} for the
 * person), never the body's {@code from}, which is accepted for old clients and ignored.
 */
@RestController
@RequestMapping("/api/messages")
class MessageController {

    private final Inboxes inboxes;
    private final Redactor redactor;

    MessageController(Inboxes inboxes, Redactor redactor) {
        this.inboxes = inboxes;
        this.redactor = redactor;
    }

    @PostMapping
    ResponseEntity<MessageJson.View> send(
            @RequestBody JsonNode body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        MessageJson.NewMessage request = MessageJson.parse(body);
        Message message;
        try {
            // An agent's `bosun send "$(env)"` must not store its keys: stored text is redacted.
            message = inboxes.send(caller.actor(), request.to(), redactor.redact(request.body()));
        } catch (InvalidMessageException e) {
            throw new BadRequestException(e.field(), e.getMessage());
        } catch (MessageRefusedException e) {
            throw new ForbiddenException(e.getMessage());
        }
        return ResponseEntity.created(URI.create("/api/messages/" + message.id()))
                .body(MessageJson.View.of(message));
    }

    /** Every message, or one member's inbox; oldest first. */
    @GetMapping
    List<MessageJson.View> list(@RequestParam(required = false) String member) {
        List<Message> messages;
        try {
            messages = member == null ? inboxes.all() : inboxes.inboxOf(member);
        } catch (UnknownMemberException e) {
            throw new NotFoundException(e.getMessage());
        }
        return messages.stream().map(MessageJson.View::of).toList();
    }

    @GetMapping("/{id}")
    MessageJson.View show(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        NotFoundException notFound = new NotFoundException("no message with id '" + id + "'");
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound;
        }
        Message message = inboxes.find(number).orElseThrow(() -> notFound);
        if (caller.isAgent() && !concerns(message, caller.name())) {
            throw new ForbiddenException("an agent reads only the messages it sent or received");
        }
        return MessageJson.View.of(message);
    }

    private static boolean concerns(Message message, String member) {
        return member.equals(message.from()) || member.equals(message.to()) || member.equals(message.deliveredTo());
    }
}
