package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.bosun.process.Escalations.Decision;

/** The wire names are what the BPMN sets and the API shows: pinned, and strict to parse. */
class TaskStatusTest {

    @Test
    void wireNamesAreTheLifecycleStatusesInLifecycleOrder() {
        assertThat(TaskStatus.wireNames())
                .containsExactly(
                        "todo",
                        "blocked",
                        "in-progress",
                        "testing",
                        "merging",
                        "escalated",
                        "incident",
                        "merged",
                        "abandoned",
                        "cancelled");
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(TaskStatus.fromWireName(status.wireName())).isSameAs(status);
        }
        assertThat(Decision.wireNames()).containsExactly("retry", "abandon", "merge");
        for (Decision decision : Decision.values()) {
            assertThat(Decision.fromWireName(decision.wireName())).isSameAs(decision);
        }
    }

    @Test
    void anUnknownWireNameIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> TaskStatus.fromWireName("IN_PROGRESS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'IN_PROGRESS'")
                .hasMessageContaining("in-progress");
        assertThatThrownBy(() -> TaskStatus.fromWireName(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'null'");
        assertThatThrownBy(() -> Decision.fromWireName("Merge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Merge'")
                .hasMessageContaining("retry, abandon, merge");
        assertThat(TaskStatus.find("done")).isEmpty();
    }

    @Test
    void onlyMergedAbandonedAndCancelledAreFinished() {
        assertThat(TaskStatus.values())
                .filteredOn(TaskStatus::finished)
                .containsExactlyInAnyOrder(TaskStatus.MERGED, TaskStatus.ABANDONED, TaskStatus.CANCELLED);
        assertThat(TaskStatus.values())
                .filteredOn(TaskStatus::failed)
                .containsExactlyInAnyOrder(TaskStatus.ABANDONED, TaskStatus.CANCELLED);
    }

    @Test
    void blockedIncidentAndCancelledAreDerivedNotSetByTheProcess() {
        assertThat(TaskStatus.setByTheProcess())
                .doesNotContain(TaskStatus.BLOCKED, TaskStatus.INCIDENT, TaskStatus.CANCELLED)
                .hasSize(TaskStatus.values().length - 3);
    }
}
