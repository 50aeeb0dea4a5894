package dev.bosun.inbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.bosun.events.BosunEvent;
import dev.bosun.events.EventLog;
import dev.bosun.team.Member;
import dev.bosun.team.Role;
import dev.bosun.team.Roster;
import dev.bosun.team.Team;

/**
 * Sending and reading messages. A send is checked completely before anything is written: a
 * refused or invalid message leaves no row and no event behind.
 *
 * <p>Thread-safe (the store and the event log are).
 */
public final class Inboxes {

    /**
     * A message becomes (part of) an agent's prompt, one argv element, which Linux caps at
     * 128 KiB: the same limit as a task body.
     */
    public static final int MAX_BODY = 60_000;

    private final Messages messages;
    private final Roster roster;
    private final EventLog events;
    private final Clock clock;
    private final Runnable queued;

    /** @param queued told after a message is stored (committed): wakes delivery, so it need not wait for its poll */
    public Inboxes(Messages messages, Roster roster, EventLog events, Clock clock, Runnable queued) {
        this.queued = queued;
        this.messages = messages;
        this.roster = roster;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores a message QUEUED for delivery and logs {@code message_sent}.
     *
     * @param from a member name or {@link Team#HUMAN}
     * @param to   a member name or a role name
     * @throws InvalidMessageException  naming the field at fault
     * @throws MessageRefusedException when {@code from} may not message {@code to}
     */
    public Message send(String from, String to, String body) {
        checkSender(from);
        List<Member> recipients = checkRecipient(to);
        checkBody(body);
        if (!roster.mayMessage(from, to)) {
            throw new MessageRefusedException(
                    refusal(from, to, recipients.get(0).role()));
        }
        Message message = messages.add(from, to, body, clock.instant());
        queued.run();
        events.append(
                BosunEvent.of("message_sent", null, clock).from(from).to(to).detail("message", message.id()));
        return message;
    }

    /** Every message, oldest first. */
    public List<Message> all() {
        return messages.all();
    }

    /**
     * What {@code member} was sent: addressed to it or delivered to it, and what its role was
     * sent that nobody has taken yet; oldest first.
     *
     * @throws UnknownMemberException when no member has that name
     */
    public List<Message> inboxOf(String member) {
        Member found = roster.member(member)
                .orElseThrow(() ->
                        new UnknownMemberException("no member named '" + member + "'; members: " + memberNames()));
        return messages.inboxOf(found.name(), found.role().name());
    }

    public Optional<Message> find(long id) {
        return messages.find(id);
    }

    private void checkSender(String from) {
        if (from == null || from.isBlank()) {
            throw new InvalidMessageException(
                    "from", "from must name the sender: a member of the team or " + Team.HUMAN);
        }
        if (!Team.HUMAN.equals(from) && roster.member(from).isEmpty()) {
            throw new InvalidMessageException(
                    "from",
                    "unknown sender '" + from + "': not a member of the team nor " + Team.HUMAN + "; members: "
                            + memberNames());
        }
    }

    private List<Member> checkRecipient(String to) {
        if (to == null || to.isBlank()) {
            throw new InvalidMessageException("to", "to must name a member or a role");
        }
        List<Member> recipients = roster.recipients(to);
        if (recipients.isEmpty()) {
            throw new InvalidMessageException(
                    "to",
                    "unknown recipient '" + to + "': no member or role has that name; " + "members: " + memberNames()
                            + "; roles: " + roleNames());
        }
        return recipients;
    }

    private static void checkBody(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidMessageException("body", "body must not be empty");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidMessageException(
                    "body", "body must be at most " + MAX_BODY + " characters, got " + body.length());
        }
    }

    /** Says who may not message whom, and which rule decided it, so the sender knows whom to ask instead. */
    private String refusal(String from, String to, Role toRole) {
        Team team = roster.team();
        Role fromRole = roster.member(from).orElseThrow().role();
        String allowed = team.roles().stream()
                .map(Role::name)
                .filter(r -> team.mayTalk(fromRole.name(), r))
                .collect(Collectors.joining(", "));
        String rule = fromRole.talksTo().isEmpty()
                ? "role " + fromRole.name() + " has no talks_to, so the defaults by role type apply "
                        + "(user-architect, architect-manager, manager-engineer; architect-engineer when the team has no manager)"
                : "talks_to of role " + fromRole.name() + " in team.yaml is " + fromRole.talksTo();
        return from + " (role " + fromRole.name() + ") may not message " + to + " (role " + toRole.name() + "): " + rule
                + "; it may message " + (allowed.isEmpty() ? "no role" : allowed);
    }

    private String memberNames() {
        return roster.members().stream().map(Member::name).collect(Collectors.joining(", "));
    }

    private String roleNames() {
        return roster.team().roles().stream().map(Role::name).collect(Collectors.joining(", "));
    }
}
