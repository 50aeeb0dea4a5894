package dev.bosun.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bosun.audit.TaskDecisions;
import dev.bosun.audit.TestRuns;
import dev.bosun.board.TaskDetails;
import dev.bosun.board.TaskReadModel;
import dev.bosun.board.TaskSummary;
import dev.bosun.process.Escalations;
import dev.bosun.process.NewTask;
import dev.bosun.process.Plans;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskStatus;
import dev.bosun.security.Caller;
import dev.bosun.security.Redactor;
import dev.bosun.usage.TurnHistory;

/** {@code /api/tasks}: start tasks and read their status and history. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TaskLifecycle lifecycle;
    private final TaskReadModel tasks;
    private final Escalations escalations;
    private final Redactor redactor;
    private final Plans plans;
    private final TurnHistory turns;
    private final TaskDecisions decisions;
    private final TestRuns testRuns;

    TaskController(
            TaskLifecycle lifecycle,
            TaskReadModel tasks,
            Escalations escalations,
            Redactor redactor,
            Plans plans,
            TurnHistory turns,
            TaskDecisions decisions,
            TestRuns testRuns) {
        this.decisions = decisions;
        this.testRuns = testRuns;
        this.plans = plans;
        this.turns = turns;
        this.lifecycle = lifecycle;
        this.tasks = tasks;
        this.escalations = escalations;
        this.redactor = redactor;
    }

    /**
     * The creator is the caller (an agent's member name, or {@code human}), never the body's
     * {@code createdBy}. With {@code plan}, the task is held for that plan's planning turn under way
     * ({@code "held": true} in the answer) and starts when the plan is checked.
     */
    @PostMapping
    ResponseEntity<Map<String, Object>> create(
            @RequestBody JsonNode body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        NewTask parsed = NewTaskJson.parse(body, caller.actor());
        // Stored in the engine and shown to every engineer: known secrets never go in.
        NewTask task = new NewTask(
                redactor.redact(parsed.title()),
                redactor.redact(parsed.body()),
                parsed.priority(),
                parsed.dependsOn(),
                parsed.createdBy(),
                parsed.manager());
        String plan = NewTaskJson.plan(body);
        if (plan != null) {
            String id = plans.hold(plan, task, caller.actor());
            return ResponseEntity.created(URI.create("/api/plans/" + plan))
                    .body(Map.of("id", id, "plan", plan, "held", true));
        }
        String id = lifecycle.start(task);
        return ResponseEntity.created(URI.create("/api/tasks/" + id)).body(Map.of("id", id));
    }

    /** 400 naming {@code status} or {@code plan} for a value that could never match: a typo must not read as "none". */
    @GetMapping
    List<TaskSummary> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String plan) {
        if (status != null && TaskStatus.find(status).isEmpty()) {
            throw new BadRequestException(
                    "status", "unknown status '" + status + "'; known: " + String.join(", ", TaskStatus.wireNames()));
        }
        return (plan == null ? tasks.all() : tasks.ofPlan(NewTaskJson.planId(plan, "'" + plan + "'")))
                .stream()
                        .filter(t -> status == null || status.equals(t.status()))
                        .toList();
    }

    /**
     * The same decision as in Tasklist, for scripts: 204, or 409 when nothing waits for one. Who
     * decided is recorded from the caller ({@link DeciderOfRequest}).
     */
    @PostMapping("/{id}/decision")
    ResponseEntity<Void> decide(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestHeader(name = DeciderOfRequest.HEADER, required = false) @Nullable String statedUser) {
        DecisionJson.Parsed parsed = DecisionJson.parse(body);
        Escalations.Decider decider = DeciderOfRequest.of(caller, statedUser);
        if (tasks.find(id).isEmpty()) {
            throw new NotFoundException("no task with id '" + id + "'");
        }
        escalations.decide(
                id,
                parsed.decision(),
                parsed.guidance() == null ? null : redactor.redact(parsed.guidance()),
                parsed.reason() == null ? null : redactor.redact(parsed.reason()),
                decider);
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code bosun assign MEMBER TASK}: 204; 400 not an engineer, 404 unknown task, 409 already
     * claimed or finished, or blocked (an assignment would wait for a dependency that never merges).
     */
    @PostMapping("/{id}/assign")
    ResponseEntity<Void> assign(@PathVariable String id, @RequestBody JsonNode body) {
        NewTaskJson.requireObjectOf(body, List.of("member"));
        String member = NewTaskJson.optionalText(body, "member");
        if (member == null || member.isBlank()) {
            throw new BadRequestException("member", "member must name an engineer");
        }
        tasks.find(id)
                .map(TaskDetails::task)
                .filter(task -> TaskStatus.BLOCKED.is(task.status()))
                .ifPresent(task -> {
                    throw new ConflictException("task " + id + " is blocked (" + task.reason()
                            + "): it can be assigned once that is resolved");
                });
        lifecycle.assign(id, member.strip());
        return ResponseEntity.noContent().build();
    }

    /** {@code bosun task retry ID}: runs the task's failed steps again once the cause is fixed; 204, 404, 409. */
    @PostMapping("/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable String id) {
        lifecycle.retry(id);
        return ResponseEntity.noContent().build();
    }

    /** The task with its agent turns and their total cost, its decisions and its test runs ({@link TaskView}). */
    @GetMapping("/{id}")
    TaskView show(@PathVariable String id) {
        TaskDetails details = tasks.find(id).orElseThrow(() -> new NotFoundException("no task with id '" + id + "'"));
        return TaskView.of(details, turns.ofTask(id), turns.totalOfTask(id), decisions.of(id), testRuns.of(id));
    }
}
