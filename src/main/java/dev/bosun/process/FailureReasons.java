package dev.bosun.process;

import java.time.Duration;
import java.util.List;

import dev.bosun.workspace.TestResult;

/** One-line explanations of why an attempt failed, written for the engineer and for a human. */
final class FailureReasons {

    private FailureReasons() {}

    static String noCommits(String trunk, int exitCode, boolean timedOut, Duration turnTimeout) {
        String how = timedOut
                ? "the agent was stopped at the turn timeout (" + turnTimeout + ")"
                : "the agent exited with code " + exitCode;
        return "No commits ahead of " + trunk + ": " + how + " without committing anything."
                + " Commit your work (git add, git commit) before you exit; uncommitted changes do not count.";
    }

    static String testsRed(TestResult result, List<String> testCommand, Duration timeout) {
        String command = String.join(" ", testCommand);
        return result.timedOut()
                ? "The tests (" + command + ") did not finish within " + timeout + " and were killed."
                : "The tests (" + command + ") failed with exit code " + result.exitCode() + ".";
    }

    static String testsRedAfterRebase(TestResult result, String trunk) {
        return "After rebasing onto " + trunk + " (which had moved since your tests passed) the tests "
                + (result.timedOut() ? "timed out." : "failed with exit code " + result.exitCode() + ".");
    }

    static String rebaseConflict(String trunk, List<String> files) {
        return "Rebasing onto " + trunk + " conflicted in: " + String.join(", ", files)
                + ". Rebase your branch onto " + trunk + " (git rebase " + trunk + "), resolve the conflicts,"
                + " git add the files and git rebase --continue. Finish the rebase before you exit: an"
                + " unfinished one is aborted.";
    }

    /** Not a failure: why a merged task has no merge commit of its own. */
    static String alreadyOnTrunk(String trunk, String trunkTip) {
        return "Already on " + trunk + ": nothing was left to merge after rebasing onto " + trunk + " at "
                + trunkTip + " (its change is already there, made by another commit); nothing was merged,"
                + " and the branch keeps its commits.";
    }

    static String protectedPaths(List<String> files) {
        return "touches protected paths: " + String.join(", ", files)
                + ". A human must accept changes to these files (decision merge); retry to have them undone.";
    }

    static String trunkChanged(String range) {
        return "trunk changed during the turn: " + range + " was not written by Bosun."
                + " Look at that range and reset trunk if it should not be there; retry, abandon or merge this task.";
    }

    static String stalled(List<String> lastLines) {
        List<String> quoted = RepeatedFailure.lastNonBlank(lastLines, RepeatedFailure.QUOTED_LINES);
        return "Stalled: the agent showed no sign of life (no output, no CPU use) for the stall timeout, was nudged"
                + " and restarted, and stayed silent; it was stopped. See bosun logs, then retry (with guidance) or"
                + " abandon." + (quoted.isEmpty() ? "" : " Its last lines:\n" + String.join("\n", quoted));
    }

    static String budgetExceeded(String what) {
        return "Budget exceeded: " + what.replaceFirst("^budget exceeded: ", "")
                + ". No more turns run on it. Raise budget in team.yaml and restart Bosun, then retry; or merge what it"
                + " has, or abandon it.";
    }

    static String testCommandMissing(TestResult result) {
        return result.outputTail().isEmpty()
                ? "The test command does not exist."
                : result.outputTail().get(0);
    }
}
