package dev.bosun.process;

import java.time.Clock;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import dev.bosun.audit.TaskDecision;
import dev.bosun.audit.TaskDecisions;
import dev.bosun.process.Escalations.Decision;
import dev.bosun.team.Team;

/**
 * UserTask_Escalation: each escalation starts without a decision (an old one must not decide a
 * new escalation), and completing it requires a valid one. A bad value is refused and the task
 * stays open, and so is a {@code merge} with nothing to merge ({@link MergeableBranches}); /engine-rest answers 500 ("Cannot complete task ...", with this listener's message),
 * since its task resource maps every engine exception thrown while completing to a server error.
 *
 * <p>What {@code merge} means depends on why the task was escalated. On a change of protected
 * paths it accepts exactly the head the human was shown, and is forced only if the last test run
 * was red: accepting a change of {@code test.sh} must not record green work as "forced-red". On
 * trunk written during the turn it merges only if the turn's (untested) commits pass the tests. On
 * anything else it is a merge despite red tests.
 *
 * <p>Every channel (Tasklist, /engine-rest, Bosun's API and CLI) completes the task, so this is
 * where a decision is recorded ({@link TaskDecisions}, in the same transaction): who
 * ({@link Deciders}), the guidance, the comments written on the task, the reason.
 */
@Component("escalationDecision")
class EscalationDecisionListener implements TaskListener {

    private final MergeableBranches mergeable;
    private final TaskDecisions decisions;
    private final Deciders deciders;
    private final Clock clock;

    EscalationDecisionListener(MergeableBranches mergeable, TaskDecisions decisions, Deciders deciders, Clock clock) {
        this.mergeable = mergeable;
        this.decisions = decisions;
        this.deciders = deciders;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(ProcessVariables.DECISION);
            task.removeVariable(ProcessVariables.GUIDANCE);
            task.removeVariable(ProcessVariables.DECISION_REASON);
            task.removeVariable(ProcessVariables.DECIDED_BY);
            return;
        }
        Object value = task.getVariable(ProcessVariables.DECISION);
        Optional<Decision> decision = value == null ? Optional.empty() : Decision.find(value.toString());
        if (decision.isEmpty()) {
            throw new BadUserRequestException(
                    "variable 'decision' must be one of " + String.join(", ", Decision.wireNames()) + "; got: "
                            + (value == null ? "nothing" : "'" + value + "'"));
        }
        Object protectedHead = task.getVariable(ProcessVariables.PROTECTED_PATHS_COMMIT);
        boolean merge = decision.get() == Decision.MERGE;
        if (merge) {
            // Tasklist and /engine-rest complete the task directly, without the API's check.
            mergeable
                    .refusal(
                            String.valueOf(task.getVariable(ProcessVariables.TASK_ID)),
                            task.getVariable(ProcessVariables.MEMBER),
                            task.getVariable(ProcessVariables.BRANCH))
                    .ifPresent(reason -> {
                        throw new BadUserRequestException(reason);
                    });
        }
        if (task.getVariable(ProcessVariables.TRUNK_CHANGED) != null) {
            // The turn's commits were never tested: merge means "test them, merge if green".
            task.removeVariable(ProcessVariables.TRUNK_CHANGED);
            task.setVariable(ProcessVariables.FORCED_MERGE, false);
        } else if (protectedHead == null) {
            task.setVariable(ProcessVariables.FORCED_MERGE, merge);
        } else {
            task.removeVariable(ProcessVariables.PROTECTED_PATHS_COMMIT);
            task.setVariable(
                    ProcessVariables.FORCED_MERGE,
                    merge && !Boolean.TRUE.equals(task.getVariable(ProcessVariables.TESTS_GREEN)));
            task.setVariable(ProcessVariables.APPROVED_PROTECTED_PATHS_COMMIT, merge ? protectedHead : null);
        }
        task.setVariable(ProcessVariables.GUIDANCE_FROM, Team.HUMAN);
        record(task, decision.get());
    }

    private void record(DelegateTask task, Decision decision) {
        TaskDecision decided = deciders.decisionOn(task, decision.wireName(), clock.instant());
        task.setVariable(ProcessVariables.DECIDED_BY, decided.by());
        decisions.record(String.valueOf(task.getVariable(ProcessVariables.TASK_ID)), decided);
    }
}
