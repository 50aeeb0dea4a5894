package dev.bosun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bosun.plan.PlanCheck.Dependency;
import dev.bosun.plan.PlanCheck.Kind;

class PlanCheckTest {

    /** Tasks outside the plan's held ones: 1 merged, 2 running in this plan, 3 abandoned in it, 4 of plan 9, 5 of none. */
    private static final Map<String, Dependency> KNOWN = Map.of(
            "1", Dependency.of(Kind.MERGED),
            "2", Dependency.of(Kind.IN_THIS_PLAN),
            "3", new Dependency(Kind.FAILED_IN_THIS_PLAN, "abandoned"),
            "4", new Dependency(Kind.IN_OTHER_PLAN, "9"),
            "5", Dependency.of(Kind.NOT_IN_PLAN));

    private static List<String> check(HeldTask... held) {
        return PlanCheck.problems("8", List.of(held), id -> KNOWN.getOrDefault(id, Dependency.of(Kind.UNKNOWN)));
    }

    private static HeldTask task(String id, String title, String... dependsOn) {
        return new HeldTask(id, "8", title, "", "normal", List.of(dependsOn), null, "architect");
    }

    @Test
    void tasksOnEachOtherOnMergedTasksAndOnRunningTasksOfThePlanPass() {
        assertThat(check(task("10", "A", "1", "2"), task("11", "B", "10"), task("12", "C", "10", "11")))
                .isEmpty();
    }

    @Test
    void noTaskIsAProblem() {
        assertThat(check())
                .containsExactly(
                        "no task was added to plan 8: add each task with `bosun task add` during the planning turn");
    }

    @Test
    void eachBadDependencyIsNamedWithWhatItIs() {
        assertThat(check(task("10", " ", "3", "4", "5", "77")))
                .containsExactly(
                        "task 10 has an empty title",
                        "task 10 depends on task 3, which is abandoned: it can never be merged",
                        "task 10 depends on task 4 of plan 9, which is not merged: a plan may depend only on its own"
                                + " tasks or merged ones",
                        "task 10 depends on task 5, which is neither in this plan nor merged",
                        "task 10 depends on task 77, which does not exist");
    }

    @Test
    void aCycleIsNamedOnceByItsIdsWhereverTheWalkEntersIt() {
        assertThat(check(task("10", "A", "12"), task("11", "B", "10"), task("12", "C", "11"), task("13", "D", "12")))
                .containsExactly(
                        "tasks 10 → 12 → 11 → 10 depend on each other in a cycle: none of them could ever start");
        assertThat(check(task("10", "A", "10")))
                .containsExactly("tasks 10 → 10 depend on each other in a cycle: none of them could ever start");
    }
}
