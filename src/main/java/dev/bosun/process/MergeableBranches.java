package dev.bosun.process;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Whether a human's {@code merge} has something to merge. Accepted on a branch without commits
 * ahead of trunk, the merge step would find nothing and stop as an incident; refused, the
 * escalation stays open for a decision that can succeed. Asked by every way a decision arrives:
 * the API and the CLI ({@link CamundaEscalations}, a 409) and Tasklist or {@code /engine-rest}
 * ({@link EscalationDecisionListener}, the completion refused).
 */
@Component
class MergeableBranches {

    private final Worktrees worktrees;
    private final BosunProperties properties;

    MergeableBranches(Worktrees worktrees, BosunProperties properties) {
        this.worktrees = worktrees;
        this.properties = properties;
    }

    /**
     * Counted on the branch by name: the worktree may already serve another task.
     *
     * @param member the task's {@code member} variable (may be null or not text)
     * @param branch the task's {@code branch} variable (may be null or not text)
     * @return why a merge is refused, empty when the branch has commits ahead of trunk
     */
    Optional<String> refusal(String taskId, @Nullable Object member, @Nullable Object branch) {
        int ahead = member instanceof String m && branch instanceof String b
                ? worktrees.commitsAheadOfTrunk(
                        new Worktree(m, b, properties.worktreesDir().resolve(m)))
                : 0;
        return ahead > 0
                ? Optional.empty()
                : Optional.of("task " + taskId + " has nothing to merge: its branch has no commits ahead of "
                        + properties.trunk() + "; abandon it, or retry with guidance");
    }
}
