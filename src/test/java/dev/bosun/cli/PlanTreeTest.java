package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The dependency tree of {@code bosun plan show}, as exact text. */
class PlanTreeTest {

    @Test
    void aChainIndentsEachTaskUnderTheOneItWaitsFor() {
        assertThat(PlanTree.render(List.of(task("1"), task("2", "1"), task("3", "2"))))
                .containsExactly("#1 T1", "└─ #2 T2", "   └─ #3 T3");
    }

    @Test
    void aDiamondShowsTheJoinUnderBothParentsAndExpandsItsSubtreeOnce() {
        List<String> lines = PlanTree.render(
                List.of(task("1"), task("2", "1"), task("3", "1"), task("4", "2", "3"), task("5", "4")));

        assertThat(lines)
                .containsExactly(
                        "#1 T1", "├─ #2 T2", "│  └─ #4 T4", "│     └─ #5 T5", "└─ #3 T3", "   └─ #4 T4  (see above)");
    }

    @Test
    void twoRootsComeInTheOrderGivenAndATaskOfBothAppearsUnderEach() {
        List<String> lines = PlanTree.render(List.of(task("5"), task("6"), task("7", "5", "6"), task("8", "6")));

        assertThat(lines).containsExactly("#5 T5", "└─ #7 T7", "#6 T6", "├─ #7 T7  (see above)", "└─ #8 T8");
    }

    @Test
    void aDependencyOutsideThePlanIsNamedOnTheTasksLineAndDoesNotMakeItAChild() {
        List<String> lines = PlanTree.render(List.of(task("10", "2"), task("11", "10", "3", "2")));

        assertThat(lines)
                .containsExactly("#10 T10  after #2 (outside the plan)", "└─ #11 T11  after #3, #2 (outside the plan)");
    }

    @Test
    void aCycleTheServerShouldHaveRefusedIsStillPrintedOnceAndEnds() {
        List<String> lines = PlanTree.render(List.of(task("1", "2"), task("2", "1"), task("3")));

        assertThat(lines).containsExactly("#3 T3", "#1 T1", "└─ #2 T2", "   └─ #1 T1  (see above)");
    }

    @Test
    void noTasksNoLines() {
        assertThat(PlanTree.render(List.of())).isEmpty();
    }

    private static PlanTree.Task task(String id, String... dependsOn) {
        return new PlanTree.Task(id, "#" + id + " T" + id, List.of(dependsOn));
    }
}
