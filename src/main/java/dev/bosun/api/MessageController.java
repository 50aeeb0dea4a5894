package dev.bosun.api;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bosun.inbox.Inboxes;
import dev.bosun.inbox.InvalidMessageException;
import dev.bosun.inbox.Message;
import dev.bosun.inbox.MessageRefusedException;
import dev.bosun.inbox.UnknownMemberException;

/** {@code /api/messages}: send a message (201, 400 naming the field, 403 when talks_to refuses) and read inboxes. */
@RestController
@RequestMapping("/api/messages")
class MessageController {

    private final Inboxes inboxes;

    MessageController(Inboxes inboxes) {
        this.inboxes = inboxes;
    }

    @PostMapping
    ResponseEntity<MessageJson.View> send(@RequestBody JsonNode body) {
        MessageJson.NewMessage request = MessageJson.parse(body);
        Message message;
        try {
            message = inboxes.send(request.from(), request.to(), request.body());
        } catch (InvalidMessageException e) {
            throw new BadRequestException(e.field(), e.getMessage());
        } catch (MessageRefusedException e) {
            throw new ForbiddenException(e.getMessage());
        }
        return ResponseEntity.created(URI.create("/api/messages/" + message.id())).body(MessageJson.View.of(message));
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
    MessageJson.View show(@PathVariable String id) {
        NotFoundException notFound = new NotFoundException("no message with id '" + id + "'");
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound;
        }
        return inboxes.find(number).map(MessageJson.View::of).orElseThrow(() -> notFound);
    }
}
