package dev.bosun.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

import dev.bosun.agent.TurnRecord;
import dev.bosun.agent.TurnUsage;
import dev.bosun.audit.TaskDecision;
import dev.bosun.audit.TestRun;
import dev.bosun.board.TaskDetails;
import dev.bosun.usage.UsageTotals;

/**
 * {@code GET /api/tasks/{id}}: the task as the read model has it (its fields at the top level, as
 * before), its agent turns oldest first, what they cost together, the decisions on its escalations
 * and its test runs, oldest first.
 */
record TaskView(
        @JsonUnwrapped TaskDetails details,
        List<Turn> turns,
        UsageTotals usage,
        List<Decision> decisions,
        List<TestRunView> testRuns) {

    TaskView {
        turns = List.copyOf(turns);
        decisions = List.copyOf(decisions);
        testRuns = List.copyOf(testRuns);
    }

    static TaskView of(
            TaskDetails details,
            List<TurnRecord> turns,
            UsageTotals usage,
            List<TaskDecision> decisions,
            List<TestRun> testRuns) {
        return new TaskView(
                details,
                turns.stream().map(Turn::of).toList(),
                usage,
                decisions.stream().map(Decision::of).toList(),
                testRuns.stream().map(TestRunView::of).toList());
    }

    /**
     * One decision on an escalation ({@link TaskDecision}): {@code by} is who, {@code via} the
     * channel; guidance, comment and reason are null when there was none.
     */
    record Decision(
            int round,
            String decision,
            String by,
            String via,
            Instant at,
            @Nullable String guidance,
            @Nullable String comment,
            @Nullable String reason) {

        static Decision of(TaskDecision d) {
            return new Decision(
                    d.round(), d.decision(), d.by(), d.via(), d.at(), d.guidance(), d.comment(), d.reason());
        }
    }

    /** One test run ({@link TestRun}): result is passed, failed, timeout or command-missing. */
    record TestRunView(
            int attempt,
            String member,
            String commit,
            String result,
            int exitCode,
            Instant startedAt,
            long durationMs,
            String outputTail) {

        static TestRunView of(TestRun run) {
            return new TestRunView(
                    run.attempt(),
                    run.member(),
                    run.commit(),
                    run.result().wireName(),
                    run.exitCode(),
                    run.startedAt(),
                    run.duration().toMillis(),
                    run.outputTail());
        }
    }

    /**
     * One finished turn of the task (a code, fix or review turn).
     *
     * @param inputTokens null (as the two fields after it) when the CLI reported no usage
     * @param costUsd     null when the CLI reported no price
     */
    record Turn(
            String member,
            int attempt,
            Instant startedAt,
            long durationMs,
            int exitCode,
            boolean timedOut,
            @Nullable Long inputTokens,
            @Nullable Long outputTokens,
            @Nullable BigDecimal costUsd) {

        static Turn of(TurnRecord turn) {
            TurnUsage usage = turn.usage();
            return new Turn(
                    turn.member(),
                    turn.attempt(),
                    turn.startedAt(),
                    turn.duration().toMillis(),
                    turn.exitCode(),
                    turn.timedOut(),
                    usage == null ? null : usage.inputTokens(),
                    usage == null ? null : usage.outputTokens(),
                    usage == null ? null : usage.costUsd());
        }
    }
}
