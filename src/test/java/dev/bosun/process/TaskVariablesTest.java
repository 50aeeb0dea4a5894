package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TaskVariablesTest {

    @Test
    void longTextStoredAsBytesReadsBackAsText() {
        String body = "ü".repeat(TextValues.MAX_STRING + 1);
        TaskVariables variables = TaskVariables.of(Map.of(ProcessVariables.BODY, TextValues.store(body)), "Task_X");

        assertThat(variables.value(ProcessVariables.BODY)).isInstanceOf(byte[].class);
        assertThat(variables.text(ProcessVariables.BODY)).isEqualTo(body);
        assertThat(variables.string(ProcessVariables.BODY)).isEqualTo(body);
    }

    @Test
    void anAbsentVariableIsNullOrTheFallbackAndARequiredOneNamesItselfAndWhere() {
        Map<String, Object> values = new HashMap<>();
        values.put(ProcessVariables.GUIDANCE_FROM, null);
        TaskVariables variables = TaskVariables.of(values, "Task_CodeTurn of process instance 42");

        assertThat(variables.text(ProcessVariables.GUIDANCE_FROM)).isNull();
        assertThat(variables.textOr(ProcessVariables.GUIDANCE_FROM, "human")).isEqualTo("human");
        assertThat(variables.flag(ProcessVariables.TESTS_GREEN)).isFalse();
        assertThat(variables.integerOr(ProcessVariables.ATTEMPT, 0)).isZero();
        assertThatThrownBy(() -> variables.integer(ProcessVariables.ATTEMPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("process variable 'attempt' is missing in Task_CodeTurn of process instance 42");
    }

    @Test
    void aListReadsBackAsItWasStoredAndAnAbsentOneIsEmpty() {
        String stored = TaskVariables.listValue(List.of("3", "12"));
        TaskVariables variables = TaskVariables.of(Map.of(ProcessVariables.DEPENDS_ON, stored), "Task_ClaimTask");

        assertThat(variables.list(ProcessVariables.DEPENDS_ON)).containsExactly("3", "12");
        assertThat(TaskVariables.of(Map.of(ProcessVariables.DEPENDS_ON, " 3, ,4 "), "Task_ClaimTask")
                        .list(ProcessVariables.DEPENDS_ON))
                .as("written by hand in Cockpit")
                .containsExactly("3", "4");
        assertThat(TaskVariables.of(Map.of(), "Task_ClaimTask").list(ProcessVariables.DEPENDS_ON))
                .isEmpty();
    }

    @Test
    void numbersAndFlagsReadFromTypedValuesOrTheirText() {
        TaskVariables variables = TaskVariables.of(
                Map.of(
                        ProcessVariables.ATTEMPT,
                        3L,
                        ProcessVariables.RETRIES,
                        "2",
                        ProcessVariables.MAX_RETRIES,
                        "two",
                        ProcessVariables.TESTS_GREEN,
                        "TRUE",
                        ProcessVariables.FORCED_MERGE,
                        Boolean.FALSE),
                "Task_X");

        assertThat(variables.integer(ProcessVariables.ATTEMPT)).isEqualTo(3);
        assertThat(variables.integer(ProcessVariables.RETRIES)).isEqualTo(2);
        // the read model shows what is a number, and nothing rather than a parse error
        assertThat(variables.integerOr(ProcessVariables.RETRIES, 0)).isZero();
        assertThatThrownBy(() -> variables.integer(ProcessVariables.MAX_RETRIES))
                .isInstanceOf(NumberFormatException.class);
        assertThat(variables.flag(ProcessVariables.TESTS_GREEN)).isTrue();
        assertThat(variables.flag(ProcessVariables.FORCED_MERGE)).isFalse();
    }
}
