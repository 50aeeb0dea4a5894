package dev.bosun.api;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bosun.BosunProperties;
import dev.bosun.agent.MemberActivity;
import dev.bosun.board.BoardFile;
import dev.bosun.board.TaskReadModel;
import dev.bosun.board.TaskSummary;
import dev.bosun.lease.Lease;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.process.Escalations;
import dev.bosun.process.TaskStatus;
import dev.bosun.security.Caller;
import dev.bosun.security.Redactor;
import dev.bosun.team.Roster;
import dev.bosun.usage.TurnHistory;

/** {@code /api/status}, {@code /api/board} and member actions: the team as a whole. */
@RestController
@RequestMapping("/api")
class TeamController {

    private final Roster roster;
    private final TaskReadModel tasks;
    private final MemberActivity activity;
    private final Lease mergeLock;
    private final BoardFile board;
    private final Escalations escalations;
    private final BosunProperties properties;
    private final TurnHistory turns;
    private final Redactor redactor;

    TeamController(
            Roster roster,
            TaskReadModel tasks,
            MemberActivity activity,
            Leases leases,
            BoardFile board,
            Escalations escalations,
            BosunProperties properties,
            TurnHistory turns,
            Redactor redactor) {
        this.turns = turns;
        this.redactor = redactor;
        this.roster = roster;
        this.tasks = tasks;
        this.activity = activity;
        this.mergeLock = leases.of(LeaseName.MERGE);
        this.board = board;
        this.escalations = escalations;
        this.properties = properties;
    }

    @GetMapping("/status")
    TeamStatus status() {
        List<TaskSummary> all = tasks.all();
        return TeamStatus.of(
                roster.team().name(),
                roster.members(),
                all,
                activity,
                properties.stallTimeout(),
                mergeLock.holder(),
                TeamStatus.Usage.of(turns.perMember(), turns.perTask(), all, turns.overall()),
                Instant.now());
    }

    @GetMapping(value = "/board", produces = "text/markdown;charset=UTF-8")
    String board() {
        return board.render();
    }

    /**
     * {@code bosun merge MEMBER}: the member's escalated task goes through the locked merge step now
     * (the human's "merge despite red" decision). A task still in the engineer's hands is refused:
     * Bosun merges it itself the moment its tests pass.
     */
    @PostMapping("/members/{member}/merge")
    ResponseEntity<TaskSummary> merge(
            @PathVariable String member,
            @RequestBody(required = false) @Nullable JsonNode body,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestHeader(name = DeciderOfRequest.HEADER, required = false) @Nullable String statedUser) {
        String reason = null;
        if (body != null && !body.isNull()) {
            NewTaskJson.requireObjectOf(body, List.of("reason"));
            reason = DecisionJson.reason(body);
        }
        Escalations.Decider decider = DeciderOfRequest.of(caller, statedUser);
        if (roster.engineers().stream().noneMatch(m -> m.name().equals(member))) {
            throw new NotFoundException(
                    "no engineer named '" + member + "'; engineers: " + String.join(", ", roster.engineerNames()));
        }
        List<TaskSummary> unfinished = tasks.all().stream()
                .filter(t -> member.equals(t.assignee()) && !t.finished())
                .toList();
        // An escalated task holds no engineer, so the member may have several, next to one it works on.
        List<TaskSummary> escalated = unfinished.stream()
                .filter(t -> TaskStatus.ESCALATED.is(t.status()))
                .toList();
        if (escalated.size() > 1) {
            throw new ConflictException(member + " has " + escalated.size() + " escalated tasks ("
                    + escalated.stream().map(t -> "#" + t.id()).collect(Collectors.joining(", "))
                    + "); say which: bosun decide ID merge");
        }
        TaskSummary task = escalated.isEmpty()
                ? unfinished.stream()
                        .findFirst()
                        .orElseThrow(() ->
                                new ConflictException(member + " has no unfinished task, so it has no branch to merge"))
                : escalated.get(0);
        if (!TaskStatus.ESCALATED.is(task.status())) {
            throw new ConflictException(member + "'s task " + task.id() + " is " + task.status()
                    + "; Bosun merges it itself once its tests pass (only an escalated task can be merged by hand)");
        }
        escalations.decide(
                task.id(),
                Escalations.Decision.MERGE,
                "merged by hand: bosun merge " + member,
                reason == null ? null : redactor.redact(reason),
                decider);
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(task);
    }
}
