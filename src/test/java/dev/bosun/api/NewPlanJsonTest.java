package dev.bosun.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.bosun.process.NewPlan;

/** A plan's title taken from its goal is text the board can always write. */
class NewPlanJsonTest {

    @Test
    void aTitleCutFromTheGoalNeverSplitsASurrogatePair() throws Exception {
        String rocket = "\ud83d\ude80";
        JsonNode json = new ObjectMapper().createObjectNode().put("goal", rocket.repeat(100));

        NewPlan plan = NewPlanJson.parse(json, "human");

        assertThat(FieldText.problem(plan.title())).isEmpty();
        assertThat(plan.title()).isEqualTo(rocket.repeat(77) + "...");
    }

    @Test
    void aShortFirstLineIsTheTitle() {
        JsonNode json = new ObjectMapper().createObjectNode().put("goal", "  Add a CSV export\nwith headers");

        assertThat(NewPlanJson.parse(json, "human").title()).isEqualTo("Add a CSV export");
    }
}
