package dev.bosun.agent;

import dev.bosun.team.Team;

/**
 * The prompts an engineer's agent gets. The task itself always comes first and whole, because a
 * fix turn may run in a fresh agent session that has not seen it; what went wrong follows.
 */
public final class TaskPrompts {

    private TaskPrompts() {}

    /** The first turn: the task's title and body. */
    public static String firstTurn(String taskId, String title, String body) {
        return header(taskId, title) + body.strip() + "\n\n"
                + "Work in this directory (your own git worktree on the task branch) and commit your"
                + " changes. Bosun runs the tests after you exit; only committed work counts.\n";
    }

    /** A fix turn after a red test run, a rebase conflict or a turn without commits. */
    public static String fixTurn(
            String taskId,
            String title,
            String body,
            int attempt,
            int maxAttempts,
            String failureReason,
            String lastOutput) {
        return header(taskId, title) + body.strip() + "\n\n"
                + "## Attempt " + attempt + " of " + maxAttempts + ": the last attempt failed\n\n"
                + failureReason + "\n\n" + outputBlock(lastOutput)
                + "Fix the problem and commit. Bosun runs the tests again after you exit.\n";
    }

    /**
     * A further turn after the retries ran out, carrying the guidance of whoever reviewed the
     * failures: {@code human} after an escalation, or the engineer's manager.
     */
    public static String guidedTurn(
            String taskId,
            String title,
            String body,
            int attempt,
            String from,
            String guidance,
            String failureReason,
            String lastOutput) {
        String advice = guidance == null || guidance.isBlank() ? "(no guidance given)" : guidance.strip();
        String who = Team.HUMAN.equals(from) ? "a human" : "your manager " + from;
        String whose = Team.HUMAN.equals(from) ? "the human" : from;
        return header(taskId, title) + body.strip() + "\n\n"
                + "## Attempt " + attempt + ": " + who + " reviewed the failures and asks for one more round\n\n"
                + "Guidance from " + whose + ":\n\n" + advice + "\n\n"
                + "The last failure: " + failureReason + "\n\n" + outputBlock(lastOutput)
                + "Fix the problem and commit. Bosun runs the tests again after you exit.\n";
    }

    /** The manager's review turn: the task, how it failed, and what the answer is for. */
    /**
     * The prompt of a turn Bosun restarted (it showed no sign of life) in the same conversation: the
     * conversation holds the task, so this only says what happened and to go on.
     */
    public static String restartedTurn(String taskId) {
        return "Bosun restarted your turn on task " + taskId + ": it showed no sign of life (no output, no"
                + " CPU use) for a while, so it was stopped. This is the same conversation: carry on with the task"
                + " where you left off, avoid whatever hung (a command waiting for input, a server in the"
                + " foreground), and commit your work before you exit.";
    }

    public static String managerReview(
            String taskId,
            String title,
            String body,
            String engineer,
            int attempts,
            String failureReason,
            String lastOutput) {
        return header(taskId, title) + body.strip() + "\n\n"
                + "## Review: " + engineer + " failed this task " + attempts + (attempts == 1 ? " time" : " times")
                + "\n\n"
                + "You are " + engineer + "'s manager. This directory is " + engineer
                + "'s worktree on the task branch:"
                + " read the code and the history (git log, git diff), but do not commit.\n\n"
                + "The last failure: " + failureReason + "\n\n" + outputBlock(lastOutput)
                + "Your final answer goes to " + engineer + " as guidance for one more attempt: say what is wrong"
                + " and what to do instead. If the task cannot be done as written, say that. If this attempt"
                + " fails too, a human decides.\n";
    }

    private static String header(String taskId, String title) {
        return "# Task " + taskId + ": " + title.strip() + "\n\n";
    }

    private static String outputBlock(String lastOutput) {
        if (lastOutput == null || lastOutput.isBlank()) {
            return "";
        }
        return "Last lines of output:\n\n```text\n" + lastOutput.stripTrailing() + "\n```\n\n";
    }
}
