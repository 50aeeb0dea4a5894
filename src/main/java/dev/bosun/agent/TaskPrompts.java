package dev.bosun.agent;

/**
 * The prompts an engineer's agent gets. The task itself always comes first and whole, because a
 * fix turn may run in a fresh agent session that has not seen it; what went wrong follows.
 */
public final class TaskPrompts {

    private TaskPrompts() {
    }

    /** The first turn: the task's title and body. */
    public static String firstTurn(String taskId, String title, String body) {
        return header(taskId, title) + body.strip() + "\n\n"
                + "Work in this directory (your own git worktree on the task branch) and commit your"
                + " changes. Bosun runs the tests after you exit; only committed work counts.\n";
    }

    /** A fix turn after a red test run, a rebase conflict or a turn without commits. */
    public static String fixTurn(String taskId, String title, String body, int attempt, int maxAttempts,
                                 String failureReason, String lastOutput) {
        return header(taskId, title) + body.strip() + "\n\n"
                + "## Attempt " + attempt + " of " + maxAttempts + ": the last attempt failed\n\n"
                + failureReason + "\n\n" + outputBlock(lastOutput)
                + "Fix the problem and commit. Bosun runs the tests again after you exit.\n";
    }

    /** A further turn a human granted after an escalation, carrying the human's guidance. */
    public static String guidedTurn(String taskId, String title, String body, int attempt,
                                    String guidance, String failureReason, String lastOutput) {
        String advice = guidance == null || guidance.isBlank() ? "(no guidance given)" : guidance.strip();
        return header(taskId, title) + body.strip() + "\n\n"
                + "## Attempt " + attempt + ": a human reviewed the failures and asks for one more round\n\n"
                + "Guidance from the human:\n\n" + advice + "\n\n"
                + "The last failure: " + failureReason + "\n\n" + outputBlock(lastOutput)
                + "Fix the problem and commit. Bosun runs the tests again after you exit.\n";
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
