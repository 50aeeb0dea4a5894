package dev.bosun.process;

import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * UserTask_Escalation: each escalation starts without a decision (an old one must not decide a
 * new escalation), and completing it requires a valid one. A bad value is refused with a 400
 * from /engine-rest, and the task stays open.
 *
 * <p>What {@code merge} means depends on why the task was escalated. On a change of protected
 * paths it accepts exactly the head the human was shown, and is forced only if the last test run
 * was red: accepting a change of {@code test.sh} must not record green work as "forced-red". On
 * trunk written during the turn it merges only if the turn's (untested) commits pass the tests. On
 * anything else it is a merge despite red tests.
 */
@Component("escalationDecision")
class EscalationDecisionListener implements TaskListener {

    static final Set<String> DECISIONS = Set.of("retry", "abandon", "merge");

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(ProcessVariables.DECISION);
            task.removeVariable(ProcessVariables.GUIDANCE);
            return;
        }
        Object decision = task.getVariable(ProcessVariables.DECISION);
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            throw new BadUserRequestException("variable 'decision' must be one of retry, abandon, merge; got: "
                    + (decision == null ? "nothing" : "'" + decision + "'"));
        }
        Object protectedHead = task.getVariable(ProcessVariables.PROTECTED_PATHS_COMMIT);
        boolean merge = "merge".equals(decision);
        if (task.getVariable(ProcessVariables.TRUNK_CHANGED) != null) {
            // The turn's commits were never tested: merge means "test them, merge if green".
            task.removeVariable(ProcessVariables.TRUNK_CHANGED);
            task.setVariable(ProcessVariables.FORCED_MERGE, false);
        } else if (protectedHead == null) {
            task.setVariable(ProcessVariables.FORCED_MERGE, merge);
        } else {
            task.removeVariable(ProcessVariables.PROTECTED_PATHS_COMMIT);
            task.setVariable(ProcessVariables.FORCED_MERGE, merge && !Boolean.TRUE.equals(
                    task.getVariable(ProcessVariables.TESTS_GREEN)));
            task.setVariable(ProcessVariables.APPROVED_PROTECTED_PATHS_COMMIT, merge ? protectedHead : null);
        }
        task.setVariable(ProcessVariables.GUIDANCE_FROM, "human");
    }
}
