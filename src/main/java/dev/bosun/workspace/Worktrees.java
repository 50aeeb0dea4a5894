package dev.bosun.workspace;

import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The engineers' git worktrees on the repository Bosun works on.
 *
 * <p>Contract: thread-safe for different members; calls for one member are serialized by the
 * process (one task per engineer). Every method is idempotent, because an external task can run
 * twice after a crash. No method ever deletes a commit: a task branch is only deleted after it
 * was merged into trunk.
 */
public interface Worktrees {

    /**
     * Makes sure {@code .bosun/worktrees/<member>} exists (created once with {@code git worktree
     * add}, reused afterwards) and has branch {@code <member>/<taskId>} checked out. A new branch
     * starts at trunk's tip; an existing one (a retry, a restart) is checked out as it is.
     * Uncommitted leftovers of an earlier task are stashed with a message naming it, not lost. A
     * rebase, merge, cherry-pick or revert left in progress (an agent that exited mid-conflict) is
     * aborted first, which puts the branch back at its tip from before that operation.
     */
    default Worktree prepare(String member, String taskId) {
        return prepare(member, taskId, null);
    }

    /**
     * {@link #prepare(String, String)} for a task that may already have a branch: after an
     * escalation the task can be taken up by another engineer, who continues on the branch as it
     * is ({@code <previous member>/<taskId>}). When another member's worktree under
     * {@code .bosun/worktrees} still has that branch checked out, that worktree is moved off it
     * first: its uncommitted files stashed under a message naming the branch, its HEAD detached at
     * the same commit (its files stay). The claim gives such a task to someone else only while its
     * previous engineer is held by another task or has left the team, so nobody works there on it.
     *
     * @param branch the task's branch, or null for {@code <member>/<taskId>}
     * @throws IllegalStateException when the branch is checked out in a worktree that is not a
     *     member's (the user's own checkout): that one is never touched
     */
    Worktree prepare(String member, String taskId, @Nullable String branch);

    /**
     * The worktree {@link #prepare(String, String, String)} would give, named without touching
     * git or the disk: for a step that only reads the task's branch (the evidence counts its
     * commits), which then costs no {@code git} process and no wait for another member's
     * preparation.
     */
    Worktree locate(String member, String taskId, @Nullable String branch);

    /**
     * The folder for a member's turn outside a task (a message turn of an architect, a manager, an
     * engineer before its first task): its own worktree {@code .bosun/worktrees/<member>}, never
     * the user's checkout, so an agent's commit there cannot land on trunk. Created detached at
     * trunk's tip when missing. A worktree with a task branch checked out is returned as it is (an
     * escalated task's work stays in front of its engineer). A detached one is moved to trunk's
     * current tip, uncommitted leftovers stashed first, unless it holds commits trunk does not
     * have: those are never dropped, so it then stays where it is.
     *
     * @return the absolute path of the worktree
     */
    Path prepareWithoutTask(String member);

    /** Commits on the worktree's branch that trunk does not have. */
    int commitsAheadOfTrunk(Worktree worktree);

    /**
     * Sets uncommitted changes (tracked and untracked) aside in a named {@code git stash}: only
     * committed work is tested (at its commit, in Bosun's own checkout, see {@link CommitTests}) and merged.
     *
     * @return a one-line note saying what was stashed, or empty when the worktree was clean
     */
    Optional<String> setAsideUncommittedChanges(Worktree worktree, String label);

    /** The commit the worktree's HEAD points at. */
    String head(Worktree worktree);

    /**
     * The highest numeric task id the repository already uses (task branches {@code <member>/<n>},
     * {@code Bosun-Task: <n>} trailers on trunk), or 0; a new task counter starts above it, so a
     * fresh database never reuses an id that old branches or merges still carry.
     */
    long highestTaskNumberInUse();
}
