package dev.bosun.process;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.audit.TestRun;
import dev.bosun.audit.TestRuns;
import dev.bosun.security.Redactor;
import dev.bosun.workspace.CommitTests;
import dev.bosun.workspace.TestResult;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Task_RunTests: Bosun runs the test command on exactly what would be merged, the branch's head
 * commit, in its own checkout (never in the agent's worktree); exit 0 is green. Every run is
 * recorded ({@link TestRuns}) with the commit, how it ended and its redacted output tail.
 */
@Component
class RunTestsWorker implements TopicWorker {

    private final Worktrees worktrees;
    private final CommitTests tests;
    private final BosunProperties properties;
    private final TestRuns runs;
    private final Redactor redactor;
    private final Clock clock;

    RunTestsWorker(
            Worktrees worktrees,
            CommitTests tests,
            BosunProperties properties,
            TestRuns runs,
            Redactor redactor,
            Clock clock) {
        this.worktrees = worktrees;
        this.tests = tests;
        this.properties = properties;
        this.runs = runs;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_RUN_TESTS;
    }

    @Override
    public WorkResult work(WorkItem item) {
        String member = item.string(ProcessVariables.MEMBER);
        Worktree worktree = TaskWorktrees.prepare(worktrees, item);
        Optional<String> stashed = worktrees.setAsideUncommittedChanges(
                worktree,
                "bosun: uncommitted changes of " + member + " on " + worktree.branch() + " before tests, attempt "
                        + item.integer(ProcessVariables.ATTEMPT));
        String head = worktrees.head(worktree);
        Instant startedAt = clock.instant();
        TestResult result = tests.run(
                member,
                head,
                properties.testCommand(),
                properties.testTimeout(),
                properties.logsDir().resolve(member + "-tests.log"));
        runs.record(new TestRun(
                item.string(ProcessVariables.TASK_ID),
                item.integer(ProcessVariables.ATTEMPT),
                member,
                head,
                outcome(result),
                result.exitCode(),
                startedAt,
                result.duration(),
                redactor.redact(result.tailText())));
        String output = TextValues.tail(stashed.map(note -> note + "\n").orElse("") + result.tailText());
        if (result.commandMissing()) {
            return WorkResult.bpmnError(
                    ProcessIds.ERROR_TEST_COMMAND_MISSING,
                    TextValues.reason(FailureReasons.testCommandMissing(result)),
                    Map.of(ProcessVariables.TESTS_GREEN, false, ProcessVariables.LAST_OUTPUT, output));
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.TESTS_GREEN, result.green());
        variables.put(ProcessVariables.TESTED_COMMIT, head);
        variables.put(ProcessVariables.LAST_OUTPUT, output);
        if (!result.green()) {
            variables.put(
                    ProcessVariables.FAILURE_REASON,
                    TextValues.reason(
                            FailureReasons.testsRed(result, properties.testCommand(), properties.testTimeout())));
        }
        return WorkResult.complete(variables);
    }

    private static TestRun.Result outcome(TestResult result) {
        if (result.commandMissing()) {
            return TestRun.Result.COMMAND_MISSING;
        }
        if (result.timedOut()) {
            return TestRun.Result.TIMEOUT;
        }
        return result.green() ? TestRun.Result.PASSED : TestRun.Result.FAILED;
    }
}
