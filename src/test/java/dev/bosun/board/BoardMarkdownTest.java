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

    private static TaskSummary planTask(
            String plan, String id, String title, String status, String assignee, String reason, String... dependsOn) {
        return new TaskSummary(
                id,
                title,
                "normal",
                status,
                assignee,
                assignee == null ? 0 : 1,
                assignee == null ? null : assignee + "/" + id,
                "merged".equals(status) ? "feedbeef" + id : null,
                reason,
                List.of(dependsOn),
                plan);
    }

    private static PlanSummary plan(String id, String title, String status, Instant endedAt) {
        // The counts are the read model's: the board counts the tasks it lists instead, so these stay 0.
        return new PlanSummary(
                id, title, status, "human", AT.minusSeconds(3600), endedAt, new PlanSummary.TaskCount(0, 0));
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

        assertThat(BoardMarkdown.render(tasks, List.of(), 3, AT)).isEqualTo("""
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
                - [ ] #7 Land it (eng-3, attempt 4 (3 + 1 after escalation))

                ## ESCALATED
                - [ ] #3 Hopeless (eng-2, attempt 3/3)

                ## INCIDENT
                _none_

                ## DONE
                - [x] #1 Add a greeting (eng-1, attempt 1/3) merged abc1234

                ## ABANDONED OR CANCELLED
                - [ ] #5 Dropped (eng-2, attempt 3/3) abandoned
                - [ ] #10 Slow one (eng-1, attempt 1/3) cancelled: cancelled in Cockpit
                - [ ] #11 Gone (unassigned, attempt 0/3) cancelled
                """);
    }

    @Test
    void attemptsPastTheLimitSayTheyCameAfterEscalation() {
        assertThat(BoardMarkdown.attempt(3, 3)).isEqualTo("attempt 3/3");
        assertThat(BoardMarkdown.attempt(5, 3)).isEqualTo("attempt 5 (3 + 2 after escalation)");
        assertThat(BoardMarkdown.render(List.of(task("1", "Again", "in-progress", "eng-1", 4, null)), List.of(), 3, AT))
                .contains("- [ ] #1 Again (eng-1, attempt 4 (3 + 1 after escalation))\n")
                .doesNotContain("4/3");
    }

    @Test
    void onlyAMergedTaskHasATickedBox() {
        String board = BoardMarkdown.render(
                List.of(
                        task("1", "Landed", "merged", "eng-1", 1, "abc1234"),
                        task("2", "Dropped", "abandoned", "eng-1", 3, null),
                        task("3", "Stopped", "cancelled", null, 0, null)),
                List.of(),
                3,
                AT);

        assertThat(board.lines().filter(line -> line.startsWith("- [x]")))
                .containsExactly("- [x] #1 Landed (eng-1, attempt 1/3) merged abc1234");
        assertThat(board)
                .contains("## ABANDONED OR CANCELLED\n- [ ] #2 Dropped (eng-1, attempt 3/3) abandoned\n"
                        + "- [ ] #3 Stopped (unassigned, attempt 0/3) cancelled\n");
    }

    @Test
    void emptyBoardShowsEverySectionAsNone() {
        assertThat(BoardMarkdown.render(List.of(), List.of(), 3, AT)).isEqualTo("""
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

                ## INCIDENT
                _none_

                ## DONE
                _none_

                ## ABANDONED OR CANCELLED
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

        assertThat(BoardMarkdown.render(tasks, List.of(), 3, AT)).contains("""
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

        assertThat(BoardMarkdown.render(tasks, List.of(), 3, AT))
                .contains("- [ ] #1 Fix the farewell and the greeting (unassigned, attempt 0/3)\n");
    }

    @Test
    void sameTasksInAnyOrderGiveTheSameText() {
        List<TaskSummary> tasks = new ArrayList<>(List.of(
                task("3", "C", "todo", null, 0, null),
                task("1", "A", "merged", "eng-1", 1, "0123456789"),
                task("2", "B", "in-progress", "eng-1", 1, null)));
        String first = BoardMarkdown.render(tasks, List.of(), 3, AT);
        Collections.reverse(tasks);

        assertThat(BoardMarkdown.render(tasks, List.of(), 3, AT)).isEqualTo(first);
    }

    @Test
    void plansComeFirstWithTheirTasksAndTheStatusSectionsStillListEveryTask() {
        String blockedBy = "depends on task 9, which was abandoned";
        List<TaskSummary> tasks = List.of(
                task("1", "Write the FAQ", "todo", null, 0, null),
                task("2", "Fix the farewell", "in-progress", "eng-2", 1, null),
                planTask("3", "4", "Add a greeting", "merged", "eng-1", null),
                planTask("3", "5", "Test the greeting", "merged", "eng-1", null, "4"),
                planTask("7", "8", "Say hello", "merged", "eng-1", null),
                planTask("7", "9", "Say goodbye", "abandoned", "eng-2", null),
                planTask("7", "10", "Greet both", "blocked", null, blockedBy, "8", "9"));
        List<PlanSummary> plans = List.of(
                plan("7", "Greetings", "running", null), plan("3", "First greeting", "done", AT.minusSeconds(60)));

        assertThat(BoardMarkdown.render(tasks, plans, 3, AT)).isEqualTo("""
                # Bosun board

                _Generated 2026-11-29T10:00:00Z from the engine's state; do not edit._

                ## PLANS

                ### Plan 7: Greetings [running] 1/3 merged
                - #8 Say hello [merged] (eng-1)
                - #9 Say goodbye [abandoned] (eng-2)
                - #10 Greet both [blocked] (unassigned) after #8, #9: depends on task 9, which was abandoned

                ### Plan 3: First greeting [done] 2/2 merged
                - #4 Add a greeting [merged] (eng-1)
                - #5 Test the greeting [merged] (eng-1) after #4

                ## TODO
                - [ ] #1 Write the FAQ (unassigned, attempt 0/3)

                ## BLOCKED
                - [ ] #10 Greet both (plan 7, unassigned, attempt 0/3) blocked: depends on task 9, which was abandoned

                ## IN PROGRESS
                - [ ] #2 Fix the farewell (eng-2, attempt 1/3)

                ## TESTING
                _none_

                ## MERGING
                _none_

                ## ESCALATED
                _none_

                ## INCIDENT
                _none_

                ## DONE
                - [x] #4 Add a greeting (plan 3, eng-1, attempt 1/3) merged feedbee
                - [x] #5 Test the greeting (plan 3, eng-1, attempt 1/3) merged feedbee
                - [x] #8 Say hello (plan 7, eng-1, attempt 1/3) merged feedbee

                ## ABANDONED OR CANCELLED
                - [ ] #9 Say goodbye (plan 7, eng-2, attempt 1/3) abandoned
                """);
    }

    @Test
    void aPlanListsItsTasksByIdWithWhatEachWaitsFor() {
        List<TaskSummary> tasks = List.of(
                planTask("20", "24", "Document both", "todo", null, null, "22", "23"),
                planTask("20", "23", "Add goodbye", "in-progress", "eng-2", null, "21"),
                planTask("20", "21", "Add the greeter", "merged", "eng-1", null),
                planTask("20", "22", "Add hello", "testing", "eng-1", null, "21"),
                planTask("20", "25", "Tidy up", "todo", null, null, "12"));

        String board = BoardMarkdown.render(tasks, List.of(plan("20", "Greeter", "running", null)), 3, AT);

        assertThat(board).contains("""
                ### Plan 20: Greeter [running] 1/5 merged
                - #21 Add the greeter [merged] (eng-1)
                - #22 Add hello [testing] (eng-1) after #21
                - #23 Add goodbye [in-progress] (eng-2) after #21
                - #24 Document both [todo] (unassigned) after #22, #23
                - #25 Tidy up [todo] (unassigned) after #12

                ## TODO
                - [ ] #24 Document both (plan 20, unassigned, attempt 0/3)
                - [ ] #25 Tidy up (plan 20, unassigned, attempt 0/3)
                """);
        assertThat(board.lines().filter(l -> l.startsWith("- [")))
                .as("one checkbox per task: the plan block has none")
                .hasSize(5);
    }

    @Test
    void showsUnfinishedPlansThenTheThreeLastFinishedInAnyInputOrder() {
        List<PlanSummary> plans = new ArrayList<>(List.of(
                plan("1", "Oldest", "done", AT.minusSeconds(500)),
                plan("2", "Gave up", "failed", AT.minusSeconds(100)),
                plan("3", "Stopped", "cancelled", AT.minusSeconds(400)),
                plan("4", "Recent", "done", AT.minusSeconds(50)),
                plan("5", "Old", "done", AT.minusSeconds(450)),
                plan("6", "Thinking", "planning", null),
                plan("7", "", "awaiting-approval", null)));
        String board = BoardMarkdown.render(List.of(), plans, 3, AT);
        Collections.reverse(plans);

        assertThat(BoardMarkdown.render(List.of(), plans, 3, AT)).isEqualTo(board);
        assertThat(board).contains("""
                ## PLANS

                ### Plan 6: Thinking [planning]
                _no task started yet_

                ### Plan 7 [awaiting-approval]
                _no task started yet_

                ### Plan 4: Recent [done]
                _no task started yet_

                ### Plan 2: Gave up [failed]
                _no task started yet_

                ### Plan 3: Stopped [cancelled]
                _no task started yet_

                _2 earlier finished plans not shown: `bosun plan list`._

                ## TODO
                """);
    }

    @Test
    void aFinishedSectionListsItsLatestTasksAndSaysHowManyAreNotShown() {
        List<TaskSummary> tasks = new java.util.ArrayList<>();
        for (int id = 1; id <= BoardMarkdown.FINISHED_SHOWN + 3; id++) {
            tasks.add(task(String.valueOf(id), "Done " + id, "merged", "eng-1", 1, "abc" + id));
        }
        tasks.add(task("900", "Dropped", "abandoned", "eng-1", 3, null));
        tasks.add(task("901", "Waiting", "todo", null, 0, null));

        String board = BoardMarkdown.render(tasks, List.of(), 3, AT);

        assertThat(board)
                .contains("## DONE\n_3 earlier tasks not shown: bosun task list --status merged_\n- [x] #4 ")
                .contains("#" + (BoardMarkdown.FINISHED_SHOWN + 3) + " ")
                .doesNotContain("#3 Done 3")
                .contains("## ABANDONED OR CANCELLED\n- [ ] #900 ")
                .contains("## TODO\n- [ ] #901 ");
    }
}
