package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.workspace.CommitTests;
import dev.bosun.workspace.TestResult;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Task_RunTests: Bosun runs the test command on exactly what would be merged, the branch's head
 * commit, in its own checkout (never in the agent's worktree); exit 0 is green.
 */
@Component
class RunTestsWorker implements TopicWorker {

    private final Worktrees worktrees;
    private final CommitTests tests;
    private final BosunProperties properties;

    RunTestsWorker(Worktrees worktrees, CommitTests tests, BosunProperties properties) {
        this.worktrees = worktrees;
        this.tests = tests;
        this.properties = properties;
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
        TestResult result = tests.run(
                member,
                head,
                properties.testCommand(),
                properties.testTimeout(),
                properties.logsDir().resolve(member + "-tests.log"));
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
}
