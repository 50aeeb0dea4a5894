package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What turns cost, as {@code bosun status} and {@code bosun task show} print it, from the JSON of the REST contract. */
class UsageLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statusPrintsEachMemberEachPlanAndOneTotalLine() {
        JsonNode usage = json("""
                {"members":{
                   "architect":{"turns":1,"turnsWithoutUsage":0,"inputTokens":3000,"outputTokens":900,"costUsd":0.5},
                   "eng-1":{"turns":3,"turnsWithoutUsage":1,"inputTokens":1200,"outputTokens":340,"costUsd":0.0123},
                   "eng-2":{"turns":1,"turnsWithoutUsage":0,"inputTokens":500,"outputTokens":50,"costUsd":null}},
                 "plans":{"3":{"turns":2,"turnsWithoutUsage":0,"inputTokens":1700,"outputTokens":390,"costUsd":0.0123}},
                 "total":{"turns":5,"turnsWithoutUsage":1,"inputTokens":4700,"outputTokens":1290,"costUsd":0.5123}}
                """);

        assertThat(UsageLines.status(usage))
                .containsExactly(
                        "USAGE",
                        "  architect      1 turn  3,900 tokens (3,000 in, 900 out)  $0.5",
                        "  eng-1          3 turns  1,540 tokens (1,200 in, 340 out)  $0.0123"
                                + "  (1 turn reported no usage)",
                        "  eng-2          1 turn  550 tokens (500 in, 50 out)  no cost reported",
                        "  plan #3        2 turns  2,090 tokens (1,700 in, 390 out)  $0.0123",
                        "  total          5 turns  5,990 tokens (4,700 in, 1,290 out)  $0.5123"
                                + "  (1 turn reported no usage)");
    }

    @Test
    void statusPrintsNothingWhenNoTurnWasRecorded() {
        assertThat(UsageLines.status(json("""
                        {"members":{},"plans":{},
                         "total":{"turns":0,"turnsWithoutUsage":0,"inputTokens":0,"outputTokens":0,"costUsd":null}}
                        """))).isEmpty();
        assertThat(UsageLines.status(json("{}")))
                .as("a server from before usage was recorded")
                .isEmpty();
    }

    @Test
    void taskShowPrintsEachTurnAndTheTotal() {
        JsonNode task = json("""
                {"turns":[
                   {"member":"eng-1","attempt":1,"startedAt":"2026-12-02T05:00:00Z","durationMs":12345,"exitCode":1,
                    "timedOut":false,"inputTokens":1200,"outputTokens":340,"costUsd":0.0123},
                   {"member":"eng-1","attempt":2,"startedAt":"2026-12-02T05:01:00Z","durationMs":600000,"exitCode":143,
                    "timedOut":true,"inputTokens":null,"outputTokens":null,"costUsd":null}],
                 "usage":{"turns":2,"turnsWithoutUsage":1,"inputTokens":1200,"outputTokens":340,"costUsd":0.0123}}
                """);

        assertThat(UsageLines.turns(task))
                .containsExactly(
                        "turns:",
                        "  2026-12-02T05:00:00Z  eng-1  attempt 1  12.3 s  exit 1"
                                + "  1,540 tokens (1,200 in, 340 out)  $0.0123",
                        "  2026-12-02T05:01:00Z  eng-1  attempt 2  600.0 s  timed out  no usage reported",
                        "  total: 2 turns  1,540 tokens (1,200 in, 340 out)  $0.0123  (1 turn reported no usage)");
        assertThat(UsageLines.turns(json("{\"turns\":[]}"))).isEmpty();
    }

    @Test
    void taskShowPrintsTheLastLinesOfTheLastOutput() {
        StringBuilder output = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            output.append("line ").append(i).append('\n');
        }
        JsonNode task = JSON.createObjectNode().put("lastOutput", output.toString());

        assertThat(TaskLines.lastOutput(task, 20))
                .hasSize(21)
                .startsWith("last output (last 20 of 25 lines):", "  line 6")
                .endsWith("  line 25");
        assertThat(TaskLines.lastOutput(
                        JSON.createObjectNode()
                                .put(
                                        "lastOutput",
                                        "--dangerously-skip-permissions cannot be used with root/sudo privileges"),
                        20))
                .containsExactly(
                        "last output:", "  --dangerously-skip-permissions cannot be used with root/sudo privileges");
        assertThat(TaskLines.lastOutput(JSON.createObjectNode().putNull("lastOutput"), 20))
                .isEmpty();
        assertThat(TaskLines.lastOutput(JSON.createObjectNode().put("lastOutput", " \n"), 20))
                .isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
