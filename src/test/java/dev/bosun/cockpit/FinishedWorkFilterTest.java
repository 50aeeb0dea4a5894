package dev.bosun.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FinishedWorkFilterTest {

    private static final FinishedInstance MERGED = new FinishedInstance(
            "pi-1",
            FinishedInstance.TASK,
            "12",
            "Write the FAQ",
            "eng-1",
            "merged",
            Instant.parse("2026-12-01T23:00:00Z"),
            Instant.parse("2026-12-02T23:59:59Z"));

    @Test
    void blankParametersMeanAny() {
        FinishedWorkFilter filter = FinishedWorkFilter.parse("", " ", null, "", null, " ");

        assertThat(filter).isEqualTo(FinishedWorkFilter.NONE);
        assertThat(filter.matches(MERGED)).isTrue();
    }

    @Test
    void textMatchesPartsIgnoringCaseMemberAndStatusExactly() {
        assertThat(FinishedWorkFilter.parse("1", "faq", null, null, null, null).matches(MERGED))
                .isTrue();
        assertThat(FinishedWorkFilter.parse("3", null, null, null, null, null).matches(MERGED))
                .isFalse();
        assertThat(FinishedWorkFilter.parse(null, null, "eng-1", "merged", null, null)
                        .matches(MERGED))
                .isTrue();
        assertThat(FinishedWorkFilter.parse(null, null, "eng", null, null, null).matches(MERGED))
                .isFalse();
        assertThat(FinishedWorkFilter.parse(null, null, null, "abandoned", null, null)
                        .matches(MERGED))
                .isFalse();
    }

    @Test
    void theDaysAreUtcAndBothIncluded() {
        assertThat(FinishedWorkFilter.parse(null, null, null, null, "2026-12-02", "2026-12-02")
                        .matches(MERGED))
                .isTrue();
        assertThat(FinishedWorkFilter.parse(null, null, null, null, "2026-12-03", null)
                        .matches(MERGED))
                .isFalse();
        assertThat(FinishedWorkFilter.parse(null, null, null, null, null, "2026-12-01")
                        .matches(MERGED))
                .isFalse();
    }

    @Test
    void aBadDayIsRefusedNamingTheParameterAndItsValue() {
        assertThatThrownBy(() -> FinishedWorkFilter.parse(null, null, null, null, "02.12.2026", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from: '02.12.2026' is not a day as yyyy-mm-dd");
        assertThatThrownBy(() -> FinishedWorkFilter.parse(null, null, null, null, "2026-12-02", "2026-12-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to: 2026-12-01 is before from: 2026-12-02");
    }

    @Test
    void aStepNamedByAnExpressionShowsTheTextBeforeIt() {
        assertThat(StepEntries.nameOf("Escalation: ${title}", "UserTask_Escalation"))
                .isEqualTo("Escalation");
        assertThat(StepEntries.nameOf("${title}", "UserTask_Escalation")).isEqualTo("UserTask_Escalation");
        assertThat(StepEntries.nameOf(null, "Gateway_X")).isEqualTo("Gateway_X");
        assertThat(StepEntries.nameOf("Run tests", "Task_RunTests")).isEqualTo("Run tests");
    }
}
