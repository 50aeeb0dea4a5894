package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code plan list} and {@code plan show} as text, from the JSON of the REST contract. */
class PlanLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSummaryLineHasIdStatusMergedOfTotalAndTitle() {
        JsonNode plan = json("""
                {"id":"3","title":"Add a parser","status":"running","createdBy":"human",
                 "startedAt":"2026-12-02T05:00:00Z","endedAt":null,"tasks":{"total":3,"merged":1}}
                """);

        assertThat(PlanLines.summary(plan)).isEqualTo("#3    running             1/3 merged  Add a parser");
    }

    @Test
    void showPrintsTheHeaderTheWaitingHumanTaskTheTreeAndTheHeldTasks() {
        JsonNode plan = json("""
                {"id":"3","title":"Add a parser","goal":"Parse the config files","status":"escalated",
                 "createdBy":"human","startedAt":"2026-12-02T05:00:00Z","endedAt":null,"architect":"architect",
                 "reason":"task 6 was abandoned twice",
                 "tasks":[
                   {"id":"5","title":"Lexer","status":"merged","dependsOn":[],"assignee":null,"reason":null},
                   {"id":"6","title":"Grammar","status":"abandoned","dependsOn":["2"],"assignee":"eng-2","reason":null},
                   {"id":"7","title":"Parser","status":"blocked","dependsOn":["5","6"],"assignee":null,
                    "reason":"dependency #6 was abandoned"}],
                 "held":[{"id":"9","title":"Docs","dependsOn":["7"]}],
                 "humanTask":{"kind":"escalation","decisions":["replan","fail"],"reason":"replanned 2 times"}}
                """);

        assertThat(PlanLines.details(plan))
                .containsExactly(
                        "plan #3 Add a parser  [escalated]",
                        "goal: Parse the config files",
                        "created by human, planned by architect, started 2026-12-02T05:00:00Z",
                        "reason: task 6 was abandoned twice",
                        "plan 3 waits for a human (escalation): replanned 2 times",
                        "  decide with: bosun plan decide 3 replan|fail [--guidance TEXT]",
                        "",
                        "tasks:",
                        "  #5 Lexer  [merged]",
                        "  └─ #7 Parser  [blocked]  dependency #6 was abandoned",
                        "  #6 Grammar  [abandoned, eng-2]  after #2 (outside the plan)",
                        "  └─ #7 Parser  [blocked]  dependency #6 was abandoned  (see above)",
                        "",
                        "held (waiting for the planning turn to end):",
                        "  #9 Docs  after #7");
    }

    @Test
    void aPlanBeingPlannedHasNoTasksYetAndNoHumanTask() {
        JsonNode plan = json("""
                {"id":"4","title":"Docs","goal":"Line one\\nline two","status":"planning","createdBy":"eng-1",
                 "startedAt":"2026-12-02T05:00:00Z","endedAt":"2026-12-02T06:00:00Z","architect":"architect",
                 "reason":null,"tasks":[],"held":[],"humanTask":null}
                """);

        assertThat(PlanLines.details(plan))
                .containsExactly(
                        "plan #4 Docs  [planning]",
                        "goal:",
                        "  Line one",
                        "  line two",
                        "created by eng-1, planned by architect, started 2026-12-02T05:00:00Z,"
                                + " ended 2026-12-02T06:00:00Z",
                        "",
                        "tasks: none yet");
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
