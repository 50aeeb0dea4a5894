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
import org.springframework.web.bind.annotation.RestController;

import dev.bosun.board.PlanDetails;
import dev.bosun.board.PlanReadModel;
import dev.bosun.board.PlanSummary;
import dev.bosun.process.NewPlan;
import dev.bosun.process.PlanDecision;
import dev.bosun.process.Plans;
import dev.bosun.security.Caller;
import dev.bosun.security.Redactor;

/** {@code /api/plans}: start a plan from a goal, follow it, decide its human tasks, cancel it. */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    private final Plans plans;
    private final PlanReadModel read;
    private final Redactor redactor;

    PlanController(Plans plans, PlanReadModel read, Redactor redactor) {
        this.plans = plans;
        this.read = read;
        this.redactor = redactor;
    }

    /** 201 with the id; 400 naming the field, or when the team has no architect. */
    @PostMapping
    ResponseEntity<Map<String, String>> create(
            @RequestBody JsonNode body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        NewPlan parsed = NewPlanJson.parse(body, caller.actor());
        // The goal reaches the architect's prompt and the engine's history: no known secret goes in.
        NewPlan plan = new NewPlan(
                redactor.redact(parsed.goal()), redactor.redact(parsed.title()), parsed.approval(), parsed.createdBy());
        String id = plans.start(plan);
        return ResponseEntity.created(URI.create("/api/plans/" + id)).body(Map.of("id", id));
    }

    @GetMapping
    List<PlanSummary> list() {
        return read.all();
    }

    @GetMapping("/{id}")
    PlanDetails show(@PathVariable String id) {
        return read.find(id).orElseThrow(() -> new NotFoundException("no plan with id '" + id + "'"));
    }

    /** 204; 404 unknown, 409 ended. */
    @PostMapping("/{id}/cancel")
    ResponseEntity<Void> cancel(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        plans.cancel(id, caller.actor());
        return ResponseEntity.noContent().build();
    }

    /** {@code {"decision", "guidance"}}: 204; 409 when nothing waits, 400 for a decision the waiting task does not offer. */
    @PostMapping("/{id}/decision")
    ResponseEntity<Void> decide(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestHeader(name = DeciderOfRequest.HEADER, required = false) @Nullable String statedUser) {
        NewTaskJson.requireObjectOf(body, List.of("decision", "guidance"));
        String text = NewTaskJson.optionalText(body, "decision");
        PlanDecision decision = PlanDecision.find(text == null ? "" : text.strip())
                .orElseThrow(() -> new BadRequestException(
                        "decision",
                        "decision must be one of " + String.join(", ", PlanDecision.wireNames()) + ", got "
                                + (text == null ? "nothing" : "'" + text + "'")));
        String guidance = DecisionJson.guidance(body);
        plans.decide(
                id,
                decision,
                guidance == null ? null : redactor.redact(guidance),
                DeciderOfRequest.of(caller, statedUser));
        return ResponseEntity.noContent().build();
    }
}
