package dev.bosun.process;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bosun.agent.TurnResult;

/**
 * Recognises an agent that cannot work at all (a CLI refusing to run as root, a missing login, an
 * unknown model): it exits with an error without committing anything, and the next turn does
 * exactly the same. Spending the remaining retries on it only hides the reason, so the second
 * identical failure escalates at once with the agent's own last lines.
 *
 * <p>"The same" compares the exit code and the last {@value #COMPARED_LINES} non-blank lines with
 * every run of digits made equal: timings, pids and dates differ between two runs of one refusal.
 */
final class RepeatedFailure {

    static final int COMPARED_LINES = 5;
    /** How much of the agent's output the escalation's reason quotes. */
    static final int QUOTED_LINES = 12;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private RepeatedFailure() {}

    /**
     * What identifies this turn's failure, or null when the turn cannot be such a failure: it
     * exited 0, it ran into the turn timeout (it was working), or it committed something.
     */
    static @Nullable String signature(TurnResult turn, boolean committed) {
        if (turn.exitCode() == 0 || turn.timedOut() || committed) {
            return null;
        }
        List<String> last = lastNonBlank(turn.outputTail(), COMPARED_LINES);
        StringBuilder signature = new StringBuilder("exit ").append(turn.exitCode());
        for (String line : last) {
            signature.append('\n').append(DIGITS.matcher(line.strip()).replaceAll("0"));
        }
        return signature.toString();
    }

    /** The escalation's reason: what happened, why no more turns, and the agent's own words. */
    static String reason(TurnResult turn) {
        List<String> quoted = lastNonBlank(turn.outputTail(), QUOTED_LINES);
        return "The agent cannot work here: it exited with code " + turn.exitCode()
                + " without a commit twice in a row, with the same last lines, so no more turns are spent on it."
                + " Fix its setup (login, permissions, model, configuration; see bosun logs), then decide retry."
                + (quoted.isEmpty() ? " It printed nothing." : " Its last lines:\n" + String.join("\n", quoted));
    }

    /** The last {@code count} lines that are not blank, oldest first: what a reason quotes of an agent. */
    static List<String> lastNonBlank(List<String> lines, int count) {
        List<String> result = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && result.size() < count; i--) {
            if (!lines.get(i).isBlank()) {
                result.add(0, lines.get(i));
            }
        }
        return result;
    }
}
