package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Completes the task's open {@code UserTask_Escalation} with the decision and guidance; a
 * {@code merge} of a branch with no commits ahead of trunk is refused before anything changes.
 */
@Component
class CamundaEscalations implements Escalations {

    private final TaskService tasks;
    private final Worktrees worktrees;
    private final BosunProperties properties;

    CamundaEscalations(TaskService tasks, Worktrees worktrees, BosunProperties properties) {
        this.tasks = tasks;
        this.worktrees = worktrees;
        this.properties = properties;
    }

    @Override
    public void decide(String taskId, Decision decision, @Nullable String guidance) {
        Task escalation = tasks.createTaskQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .processInstanceBusinessKey(taskId)
                .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                .singleResult();
        if (escalation == null) {
            throw new NoOpenEscalationException(taskId);
        }
        if (decision == Decision.MERGE) {
            requireSomethingToMerge(taskId, escalation);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.DECISION, decision.wireName());
        variables.put(ProcessVariables.GUIDANCE, TextValues.head(guidance == null ? "" : guidance));
        tasks.complete(escalation.getId(), variables);
    }

    /**
     * Accepted, the merge step would find nothing to merge and hold the task in {@code merging} as an
     * incident (its engineer with it); refused here, the escalation stays open for a decision that
     * can succeed. Counted on the branch by name: the worktree may already serve another task.
     */
    private void requireSomethingToMerge(String taskId, Task escalation) {
        Object member = tasks.getVariable(escalation.getId(), ProcessVariables.MEMBER);
        Object branch = tasks.getVariable(escalation.getId(), ProcessVariables.BRANCH);
        int ahead = member instanceof String m && branch instanceof String b
                ? worktrees.commitsAheadOfTrunk(
                        new Worktree(m, b, properties.worktreesDir().resolve(m)))
                : 0;
        if (ahead == 0) {
            throw new TaskLifecycle.TaskRefusedException(
                    TaskLifecycle.TaskRefusedException.Kind.CONFLICT,
                    "decision",
                    "task " + taskId + " has nothing to merge: its branch has no commits ahead of " + properties.trunk()
                            + "; abandon it, or retry with guidance");
        }
    }
}
