package dev.bosun.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class BoardMarkdownTest {

    private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    private static TaskSummary task(
            String id, String title, String status, String assignee, int attempts, String mergedCommit) {
        return task(id, title, status, assignee, attempts, mergedCommit, null);
    }

    private static TaskSummary task(
            String id, String title, String status, String assignee, int attempts, String mergedCommit, String reason) {
        return new TaskSummary(
                id,
                title,
                "normal",
                status,
                assignee,
                attempts,
                assignee == null ? null : assignee + "/" + id,
                mergedCommit,
                reason,
                List.of(),
                null);
    }

    @Test
    void rendersEveryStatusInItsSection() {
        List<TaskSummary> tasks = List.of(
                task("5", "Dropped", "abandoned", "eng-2", 3, null),
                task("3", "Hopeless", "escalated", "eng-2", 3, null),
                task("1", "Add a greeting", "merged", "eng-1", 1, "abc1234def5678"),
                task("4", "Write the FAQ", "todo", null, 0, null),
                task("2", "Fix the farewell", "in-progress", "eng-1", 2, null),
                task("6", "Check it", "testing", "eng-3", 1, null),
                task("7", "Land it", "merging", "eng-3", 4, null),
                task("8", "Odd one", "paused", "eng-4", 1, null),
                task("9", "On top", "blocked", null, 0, null, "depends on task 5, which was abandoned"),
                task("10", "Slow one", "cancelled", "eng-1", 1, null, "cancelled in Cockpit"),
                task("11", "Gone", "cancelled", null, 0, null));

        assertThat(BoardMarkdown.render(tasks, 3, AT)).isEqualTo("""
                # Bosun board

                _Generated 2026-11-29T10:00:00Z from the engine's state; do not edit._

                ## TODO
                - [ ] #4 Write the FAQ (unassigned, attempt 0/3)

                ## BLOCKED
                - [ ] #9 On top (unassigned, attempt 0/3) blocked: depends on task 5, which was abandoned

                ## IN PROGRESS
                - [ ] #2 Fix the farewell (eng-1, attempt 2/3)
                - [ ] #8 Odd one (eng-4, attempt 1/3)

                ## TESTING
                - [ ] #6 Check it (eng-3, attempt 1/3)

                ## MERGING
                - [ ] #7 Land it (eng-3, attempt 4/3)

                ## ESCALATED
                - [ ] #3 Hopeless (eng-2, attempt 3/3)

                ## DONE
                - [x] #1 Add a greeting (eng-1, attempt 1/3) merged abc1234
                - [x] #5 Dropped (eng-2, attempt 3/3) abandoned
                - [x] #10 Slow one (eng-1, attempt 1/3) cancelled: cancelled in Cockpit
                - [x] #11 Gone (unassigned, attempt 0/3) cancelled
                """);
    }

    @Test
    void emptyBoardShowsEverySectionAsNone() {
        assertThat(BoardMarkdown.render(List.of(), 3, AT)).isEqualTo("""
                # Bosun board

                _Generated 2026-11-29T10:00:00Z from the engine's state; do not edit._

                ## TODO
                _none_

                ## BLOCKED
                _none_

                ## IN PROGRESS
                _none_

                ## TESTING
                _none_

                ## MERGING
                _none_

                ## ESCALATED
                _none_

                ## DONE
                _none_
                """);
    }

    @Test
    void ordersByNumericIdThenNonNumericByString() {
        List<TaskSummary> tasks = List.of(
                task("b", "Bee", "todo", null, 0, null),
                task("10", "Ten", "todo", null, 0, null),
                task("a", "Ay", "todo", null, 0, null),
                task("2", "Two", "todo", null, 0, null));

        assertThat(BoardMarkdown.render(tasks, 3, AT)).contains("""
                ## TODO
                - [ ] #2 Two (unassigned, attempt 0/3)
                - [ ] #10 Ten (unassigned, attempt 0/3)
                - [ ] #a Ay (unassigned, attempt 0/3)
                - [ ] #b Bee (unassigned, attempt 0/3)

                """);
    }

    @Test
    void collapsesLineBreaksAndRunsOfWhitespaceInTitles() {
        List<TaskSummary> tasks =
                List.of(task("1", "  Fix the\r\nfarewell\n\n  and\tthe greeting ", "todo", null, 0, null));

        assertThat(BoardMarkdown.render(tasks, 3, AT))
                .contains("- [ ] #1 Fix the farewell and the greeting (unassigned, attempt 0/3)\n");
    }

    @Test
    void sameTasksInAnyOrderGiveTheSameText() {
        List<TaskSummary> tasks = new ArrayList<>(List.of(
                task("3", "C", "todo", null, 0, null),
                task("1", "A", "merged", "eng-1", 1, "0123456789"),
                task("2", "B", "in-progress", "eng-1", 1, null)));
        String first = BoardMarkdown.render(tasks, 3, AT);
        Collections.reverse(tasks);

        assertThat(BoardMarkdown.render(tasks, 3, AT)).isEqualTo(first);
    }
}
