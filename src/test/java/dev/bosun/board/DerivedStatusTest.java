package dev.bosun.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bosun.board.DerivedStatus.Facts;
import dev.bosun.board.DerivedStatus.Shown;

/** The rules of the two statuses no listener sets: cancelled and blocked. */
class DerivedStatusTest {

    private final Map<String, Facts> tasks = new HashMap<>();

    private Facts task(String id, String status, String... dependsOn) {
        Facts facts = new Facts(id, status, false, null, List.of(dependsOn));
        tasks.put(id, facts);
        return facts;
    }

    private Facts terminated(String id, String status, String reason) {
        Facts facts = new Facts(id, status, true, reason, List.of());
        tasks.put(id, facts);
        return facts;
    }

    private Shown shown(String id) {
        return new DerivedStatus(id1 -> Optional.ofNullable(tasks.get(id1))).of(tasks.get(id));
    }

    @Test
    void anInstanceEndedWithoutAnEndEventIsCancelledWhateverItsLastStatus() {
        terminated("1", "in-progress", "cancelled in Cockpit");
        terminated("2", "todo", null);

        assertThat(shown("1")).isEqualTo(new Shown("cancelled", "cancelled in Cockpit"));
        assertThat(shown("2")).isEqualTo(new Shown("cancelled", null));
    }

    @Test
    void aWaitingTaskOnAnAbandonedOrCancelledTaskIsBlockedNamingIt() {
        task("3", "abandoned");
        task("4", "todo", "3");
        terminated("5", "escalated", null);
        task("6", "todo", "5");

        assertThat(shown("4")).isEqualTo(new Shown("blocked", "depends on task 3, which was abandoned"));
        assertThat(shown("6")).isEqualTo(new Shown("blocked", "depends on task 5, which was cancelled"));
    }

    @Test
    void blockingPassesDownAChainAndNamesWhereItStarted() {
        task("1", "abandoned");
        task("2", "todo", "1");
        task("3", null, "2");

        assertThat(shown("3"))
                .isEqualTo(new Shown(
                        "blocked", "depends on task 2, which is blocked (depends on task 1, which was abandoned)"));
    }

    @Test
    void dependenciesThatMayStillMergeLeaveATaskWaiting() {
        task("1", "merged");
        task("2", "escalated");
        task("3", "todo", "1", "2", "99"); // 99: unknown, so not known to have failed
        task("4", null);

        assertThat(shown("3")).isEqualTo(new Shown("todo", null));
        assertThat(shown("4")).isEqualTo(new Shown("todo", null));
    }

    @Test
    void aClaimedTaskIsNeverBlocked() {
        task("1", "abandoned");
        task("2", "in-progress", "1"); // an edited variable; the claim round would not have claimed it

        assertThat(shown("2")).isEqualTo(new Shown("in-progress", null));
    }

    @Test
    void aCycleEndsTheWalkWithoutBlocking() {
        task("1", "todo", "2");
        task("2", "todo", "1");

        assertThat(shown("1")).isEqualTo(new Shown("todo", null));
        assertThat(shown("2")).isEqualTo(new Shown("todo", null));
    }
}
