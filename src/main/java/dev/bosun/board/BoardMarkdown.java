package dev.bosun.board;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bosun.process.TaskStatus;

/**
 * Renders {@code .bosun/board.md}: a Markdown projection of the engine's state, which stays the
 * source of truth. The board is never read back; it exists so a user can glance at (and git-diff)
 * where every task stands: plans first (what each goal has come to), then every unfinished task in its
 * status section, and the latest finished ones.
 *
 * <p>A pure function: no I/O, no clock, no mutable state, safe from any thread. The same input
 * always gives the same text (sections in a fixed order, tasks by id, {@code \n} line ends), so
 * re-rendering after an unrelated transition leaves the file unchanged.
 */
public final class BoardMarkdown {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final int SHORT_COMMIT = 7;
    /**
     * The latest finished tasks a finished section lists (the highest ids: ids grow with time).
     * A board of every merged task grew without end; the rest are a {@code bosun task list} away.
     */
    static final int FINISHED_SHOWN = 50;

    /**
     * Numeric ids first by value (so #2 precedes #10), then the rest by string; a tie in value
     * ("7" and "007") falls back to the string so the order stays total and stable. Tasks and plans
     * share the id counter, so plans sort the same way.
     */
    static final Comparator<@Nullable String> ID_ORDER = Comparator.comparing(
                    (@Nullable String id) -> numeric(id) == null)
            .thenComparing(BoardMarkdown::numeric, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(id -> id == null ? "" : id);

    static final Comparator<TaskSummary> BY_ID = Comparator.comparing(TaskSummary::id, ID_ORDER);

    private enum Section {
        TODO("TODO"),
        BLOCKED("BLOCKED"),
        IN_PROGRESS("IN PROGRESS"),
        TESTING("TESTING"),
        MERGING("MERGING"),
        ESCALATED("ESCALATED"),
        INCIDENT("INCIDENT"),
        /** Merged: the only finished state that did what was asked, so the only ticked box. */
        DONE("DONE", true),
        /** Finished without a merge: unticked, so a glance at the ticks never counts them as delivered. */
        STOPPED("ABANDONED OR CANCELLED", true);

        final String heading;
        /** Holds finished tasks, which only grow: the board shows the latest of them. */
        final boolean finished;

        Section(String heading) {
            this(heading, false);
        }

        Section(String heading, boolean finished) {
            this.heading = heading;
            this.finished = finished;
        }
    }

    private BoardMarkdown() {}

    /**
     * @param tasks       every task to show, in any order; not null, no null elements
     * @param plans       every plan, in any order; not null, no null elements. With none, the board
     *                    has no PLANS part; with some, it comes first (see {@link BoardPlans})
     * @param maxAttempts the team's attempt limit, shown as the denominator of {@code attempt n/max}
     * @param generatedAt when the engine's state was read; shown to the second
     * @return the whole file, ending with a newline
     */
    public static String render(
            List<TaskSummary> tasks, List<PlanSummary> plans, int maxAttempts, Instant generatedAt) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(plans, "plans");
        Objects.requireNonNull(generatedAt, "generatedAt");

        Map<Section, List<TaskSummary>> bySection = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            bySection.put(section, new ArrayList<>());
        }
        for (TaskSummary task : tasks) {
            bySection.get(sectionOf(Objects.requireNonNull(task, "task"))).add(task);
        }

        StringBuilder out = new StringBuilder();
        out.append("# Bosun board\n\n");
        out.append("_Generated ")
                .append(generatedAt.truncatedTo(ChronoUnit.SECONDS))
                .append(" from the engine's state; do not edit._\n");
        BoardPlans.append(out, plans, tasks);
        for (Section section : Section.values()) {
            out.append("\n## ").append(section.heading).append('\n');
            List<TaskSummary> inSection = bySection.get(section);
            if (inSection.isEmpty()) {
                out.append("_none_\n");
                continue;
            }
            inSection.sort(BY_ID);
            int earlier = section.finished ? Math.max(0, inSection.size() - FINISHED_SHOWN) : 0;
            if (earlier > 0) {
                out.append("_")
                        .append(earlier)
                        .append(" earlier ")
                        .append(earlier == 1 ? "task" : "tasks")
                        .append(" not shown: bosun task list --status ")
                        .append(section == Section.DONE ? "merged" : "abandoned (or cancelled)")
                        .append("_\n");
            }
            for (TaskSummary task : inSection.subList(earlier, inSection.size())) {
                appendLine(out, task, maxAttempts);
            }
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, TaskSummary task, int maxAttempts) {
        TaskStatus status = status(task);
        String assignee = oneLine(task.assignee());
        out.append(status == TaskStatus.MERGED ? "- [x] #" : "- [ ] #")
                .append(oneLine(task.id()))
                .append(' ')
                .append(oneLine(task.title()))
                .append(" (");
        if (task.plan() != null) {
            // The status sections stay the whole checklist; this says which block above tells the task's story.
            out.append("plan ").append(oneLine(task.plan())).append(", ");
        }
        out.append(assignee.isEmpty() ? "unassigned" : assignee)
                .append(", ")
                .append(attempt(task.attempts(), maxAttempts))
                .append(')');
        if (status == TaskStatus.MERGED) {
            out.append(" merged");
            String commit = oneLine(task.mergedCommit());
            if (!commit.isEmpty()) {
                out.append(' ').append(commit, 0, Math.min(SHORT_COMMIT, commit.length()));
            }
        } else if (status == TaskStatus.ABANDONED) {
            out.append(" abandoned");
        } else if (status == TaskStatus.BLOCKED || status == TaskStatus.INCIDENT || status == TaskStatus.CANCELLED) {
            // Derived, and say why: which dependency blocks, which step failed how, what the
            // cancellation gave as reason.
            out.append(' ').append(status.wireName());
            String reason = oneLine(task.reason());
            if (!reason.isEmpty()) {
                out.append(": ").append(reason);
            }
        }
        out.append('\n');
    }

    private static Section sectionOf(TaskSummary task) {
        return switch (status(task)) {
            case TODO -> Section.TODO;
            case BLOCKED -> Section.BLOCKED;
            case IN_PROGRESS -> Section.IN_PROGRESS;
            case TESTING -> Section.TESTING;
            case MERGING -> Section.MERGING;
            case ESCALATED -> Section.ESCALATED;
            case INCIDENT -> Section.INCIDENT;
            case MERGED -> Section.DONE;
            case ABANDONED, CANCELLED -> Section.STOPPED;
        };
    }

    /**
     * {@code attempt n/max} while the team's limit holds. A human's retry after escalation goes
     * past it, and {@code 4/3} would read as a counting bug; so beyond the limit the line says where
     * the extra attempts came from: {@code attempt 4 (3 + 1 after escalation)}.
     */
    static String attempt(int attempts, int maxAttempts) {
        if (attempts <= maxAttempts) {
            return "attempt " + attempts + "/" + maxAttempts;
        }
        return "attempt " + attempts + " (" + maxAttempts + " + " + (attempts - maxAttempts) + " after escalation)";
    }

    /** An unknown status (a process file edited in Modeler) is still live work; showing it beats dropping the task. */
    static TaskStatus status(TaskSummary task) {
        String wireName = task.status() == null ? "" : task.status().trim().toLowerCase(Locale.ROOT);
        return TaskStatus.find(wireName).orElse(TaskStatus.IN_PROGRESS);
    }

    private static @Nullable BigInteger numeric(@Nullable String id) {
        return id != null && NUMERIC.matcher(id).matches() ? new BigInteger(id) : null;
    }

    /** One Markdown list item per task: any line break in user text would split the item. */
    static String oneLine(@Nullable String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").trim();
    }
}
