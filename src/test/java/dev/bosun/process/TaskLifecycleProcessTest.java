package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskReadModel;
import dev.bosun.support.ProcessCoverageGate;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.WorkerStandIn;

/**
 * One test per path of processes/task-lifecycle.bpmn, on the real engine (H2 file) with the real
 * delegates. The workers are off: each test plays the external workers by completing their
 * tasks with the variables a real worker would set. The team file gives engineer eng-1-1 a
 * manager; eng-1, which most tests use, is not in the team and so reports to no manager.
 */
@SpringBootTest(properties = "bosun.worker.enabled=false")
@ProcessCoverageGate
class TaskLifecycleProcessTest extends RepositoryBackedTest {

    @Autowired
    ProcessEngine engine;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    TaskService tasks;

    @Autowired
    HistoryService history;

    @Autowired
    RepositoryService repository;

    @Autowired
    TaskReadModel board;

    @DynamicPropertySource
    static void teamWithAManager(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        Files.writeString(bosun.resolve("team.yaml"), """
                name: reviewed
                agent: script
                test_command: [sh, test.sh]
                max_retries: 2
                roles:
                  - {name: architect, role_type: architect}
                  - {name: manager, role_type: manager}
                  - {name: engineer, role_type: engineer}
                """);
    }

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void greenFirstTimeIsMerged() {
        ProcessInstance task = start("green");
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, green());
        assertThat(task).isWaitingAt(ProcessIds.TASK_MERGE);
        assertThat(status(task)).isEqualTo("merging");
        complete(task, ProcessIds.TOPIC_MERGE, Map.of(ProcessVariables.MERGED_COMMIT, "abc123"));

        assertThat(task)
                .hasPassed(
                        ProcessIds.TASK_CLAIM,
                        ProcessIds.TASK_PREPARE_WORKTREE,
                        ProcessIds.TASK_CODE_TURN,
                        ProcessIds.TASK_CHECK_EVIDENCE,
                        ProcessIds.TASK_RUN_TESTS,
                        ProcessIds.TASK_MERGE,
                        ProcessIds.END_MERGED)
                .hasNotPassed(ProcessIds.TASK_PREPARE_FIX_TURN, ProcessIds.USER_TASK_ESCALATION)
                .isEnded();
        assertThat(finalStatus(task)).isEqualTo("merged");
    }

    /**
     * "Start process" in Tasklist, {@code POST /engine-rest/process-definition/key/task-lifecycle/start}
     * or Modeler's "start instance" start a lifecycle without Bosun's variables: it ends at once,
     * holds no engineer, raises no incident and says which variables were missing.
     */
    @Test
    void aStartWithoutBosunsVariablesEndsAtOnceNamingThemAndTiesUpNobody() {
        ProcessInstance bare = runtime.startProcessInstanceByKey(ProcessIds.TASK_LIFECYCLE, "from-tasklist");

        assertThat(bare)
                .hasPassed(ProcessIds.GATEWAY_START_VARIABLES, ProcessIds.END_MISSING_VARIABLES)
                .hasNotPassed(ProcessIds.TASK_CLAIM)
                .isEnded();
        assertThat(runtime.createIncidentQuery().processInstanceId(bare.getId()).count())
                .isZero();
        assertThat(history.createHistoricIncidentQuery()
                        .processInstanceId(bare.getId())
                        .count())
                .isZero();
        assertThat(externalTasks
                        .createExternalTaskQuery()
                        .processInstanceId(bare.getId())
                        .count())
                .isZero();
        assertThat(endedVariable(bare, ProcessVariables.FAILURE_REASON))
                .contains("Not started by Bosun", "taskId", "title", "prompt", "priorityValue", "maxRetries")
                .contains("bosun task add", "POST /api/tasks");
        assertThat(board.all())
                .as("the board lists tasks, not lifecycles started without one")
                .noneMatch(t -> t.id() == null || "from-tasklist".equals(t.id()));
        assertThat(eventLog()).as("no task was created").doesNotContain("from-tasklist");
    }

    @Test
    void aStartWithSomeOfBosunsVariablesNamesOnlyTheMissingOnes() {
        ProcessInstance partial = runtime.startProcessInstanceByKey(
                ProcessIds.TASK_LIFECYCLE,
                "typed-into-engine-rest",
                Map.of(ProcessVariables.TASK_ID, "77", ProcessVariables.TITLE, "typed into /engine-rest"));

        assertThat(partial).hasPassed(ProcessIds.END_MISSING_VARIABLES).isEnded();
        assertThat(endedVariable(partial, ProcessVariables.FAILURE_REASON))
                .contains("body, prompt, priorityValue, attempt, retries, maxRetries")
                .doesNotContain("taskId", "title,");
        assertThat(eventLog()).as("no task was created").doesNotContain("typed-into-engine-rest", "\"77\"");
    }

    @Test
    void tasklistOffersNeitherProcessToStart() {
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .startableInTasklist()
                        .list())
                .extracting(ProcessDefinition::getKey)
                .doesNotContain(ProcessIds.TASK_LIFECYCLE, ProcessIds.PLAN);
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKeysIn(ProcessIds.TASK_LIFECYCLE, ProcessIds.PLAN)
                        .latestVersion()
                        .list())
                .as("both processes are deployed, so the query above could have found them")
                .hasSize(2);
    }

    @Test
    void noCommitsCountsAsARetry() {
        ProcessInstance task = start("lazy");
        claimAndCode(task, "eng-1");
        complete(
                task,
                ProcessIds.TOPIC_CHECK_EVIDENCE,
                Map.of(ProcessVariables.COMMITS_AHEAD, 0, ProcessVariables.FAILURE_REASON, "No commits ahead of main"));

        assertThat(task)
                .hasPassed(ProcessIds.GATEWAY_RETRIES_LEFT, ProcessIds.TASK_PREPARE_FIX_TURN)
                .hasNotPassed(ProcessIds.TASK_RUN_TESTS)
                .isWaitingAt(ProcessIds.TASK_CODE_TURN);
        assertThat(variable(task, ProcessVariables.RETRIES)).isEqualTo(1);
        assertThat(variable(task, ProcessVariables.ATTEMPT)).isEqualTo(2);
        assertThat((String) variable(task, ProcessVariables.PROMPT))
                .contains("No commits ahead of main", "Attempt 2 of 3");
    }

    @Test
    void aLongBodyAndPromptSurviveTheFourThousandCharacterColumn() {
        String body = "a long specification line\n".repeat(600);
        String id = lifecycle.start(new NewTask("long", body, TaskPriority.NORMAL));
        ProcessInstance task = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(id)
                .singleResult();
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, red("x".repeat(3000)));

        assertThat(task).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        String prompt = TextValues.read(variable(task, ProcessVariables.PROMPT));
        assertThat(prompt).hasSizeGreaterThan(18_000).contains(body.strip(), "x".repeat(3000));
    }

    @Test
    void redThenGreenGetsOneFixTurnCarryingTheOutput() {
        ProcessInstance task = start("flaky");
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, red("expected 2 but was 3"));

        assertThat(task).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        assertThat((String) variable(task, ProcessVariables.PROMPT)).contains("expected 2 but was 3");
        complete(task, ProcessIds.TOPIC_CODE_TURN, turnExited(0));
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 2));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, green());
        complete(task, ProcessIds.TOPIC_MERGE, Map.of(ProcessVariables.MERGED_COMMIT, "def456"));

        assertThat(task)
                .hasPassed(ProcessIds.TASK_PREPARE_FIX_TURN, ProcessIds.END_MERGED)
                .isEnded();
        assertThat(count(task, ProcessIds.TASK_CODE_TURN)).isEqualTo(2);
    }

    /** After a human's retry or merge: an engineer takes the task up again, on the branch it has. */
    private void takeUpAgain(ProcessInstance task, String member) {
        assertThat(task).isWaitingAt(ProcessIds.TASK_RECLAIM_ENGINEER);
        Object branch = variable(task, ProcessVariables.BRANCH);
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, member));
        complete(task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, String.valueOf(branch)));
    }

    @Test
    void alwaysRedRunsTestsThreeTimesThenEscalatesAndAbandonKeepsNothingMerged() {
        ProcessInstance task = start("hopeless");
        claimAndCode(task, "eng-1");
        failTestsUntilEscalated(task);

        assertThat(count(task, ProcessIds.TASK_RUN_TESTS)).isEqualTo(3);
        Task escalation = escalationOf(task);
        assertThat(escalation.getTaskDefinitionKey()).isEqualTo(ProcessIds.USER_TASK_ESCALATION);
        assertThat(escalation.getName()).isEqualTo("Escalation: hopeless");
        assertThat(status(task)).isEqualTo("escalated");
        tasks.complete(escalation.getId(), Map.of(ProcessVariables.DECISION, "abandon"));

        assertThat(task)
                .hasPassed(ProcessIds.END_ABANDONED)
                .hasNotPassed(ProcessIds.TASK_MERGE)
                .isEnded();
        assertThat(finalStatus(task)).isEqualTo("abandoned");
    }

    @Test
    void escalationRetryGivesOneMoreRoundWithTheGuidance() {
        ProcessInstance task = start("needs a hint");
        claimAndCode(task, "eng-2");
        failTestsUntilEscalated(task);
        tasks.complete(
                escalationOf(task).getId(),
                Map.of(
                        ProcessVariables.DECISION,
                        "retry",
                        ProcessVariables.GUIDANCE,
                        "look at the off-by-one in the loop"));

        assertThat(task)
                .as("an escalated task holds no engineer: after the decision it waits for one again")
                .isWaitingAt(ProcessIds.TASK_RECLAIM_ENGINEER);
        assertThat(status(task)).isEqualTo("todo");
        assertThat(variable(task, ProcessVariables.MEMBER))
                .as("the previous engineer stays named, so the claim can give it back to it")
                .isEqualTo("eng-2");
        String branch = (String) variable(task, ProcessVariables.BRANCH);
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "eng-1"));
        assertThat(task).isWaitingAt(ProcessIds.TASK_RETAKE_WORKTREE);
        assertThat(status(task)).isEqualTo("in-progress");
        complete(task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, branch));

        assertThat(task).hasPassed(ProcessIds.TASK_PREPARE_GUIDED_TURN).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        assertThat(variable(task, ProcessVariables.MEMBER)).isEqualTo("eng-1");
        assertThat((String) variable(task, ProcessVariables.PROMPT)).contains("look at the off-by-one in the loop");
        assertThat(variable(task, ProcessVariables.ATTEMPT)).isEqualTo(4);

        complete(task, ProcessIds.TOPIC_CODE_TURN, turnExited(0));
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, red("still failing"));
        assertThat(task)
                .as("one round only: red again goes straight back to the human")
                .isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat(count(task, ProcessIds.TASK_RUN_TESTS)).isEqualTo(4);
        assertThat(variable(task, ProcessVariables.DECISION))
                .as("a new escalation starts undecided")
                .isNull();
    }

    @Test
    void escalationMergeDespiteRedIsRecordedAsForced() {
        ProcessInstance task = start("merge anyway");
        claimAndCode(task, "eng-1");
        failTestsUntilEscalated(task);
        tasks.complete(escalationOf(task).getId(), Map.of(ProcessVariables.DECISION, "merge"));
        takeUpAgain(task, "eng-1");

        assertThat(task).isWaitingAt(ProcessIds.TASK_MERGE);
        assertThat(variable(task, ProcessVariables.FORCED_MERGE)).isEqualTo(true);
        complete(task, ProcessIds.TOPIC_MERGE, Map.of(ProcessVariables.MERGED_COMMIT, "f00d"));
        assertThat(task).hasPassed(ProcessIds.END_MERGED).isEnded();
    }

    @Test
    void aMergeOfABranchWithNothingToMergeIsRefusedAndTheEscalationStaysOpen() {
        ProcessInstance task = start("nothing done");
        claimAndCode(task, "eng-1");
        failTestsUntilEscalated(task);
        repository().git("branch", "-f", "eng-1/x", "main");
        Task escalation = escalationOf(task);

        assertThatThrownBy(() -> tasks.complete(escalation.getId(), Map.of(ProcessVariables.DECISION, "merge")))
                .as("Tasklist completes the task directly, without the API's check")
                .hasMessageContaining("has nothing to merge: its branch has no commits ahead of main");
        assertThat(task).isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat(count(task, ProcessIds.TASK_MERGE)).isZero();
    }

    @Test
    void anInvalidDecisionIsRefusedAndTheEscalationStaysOpen() {
        ProcessInstance task = start("undecided");
        claimAndCode(task, "eng-1");
        failTestsUntilEscalated(task);
        Task escalation = escalationOf(task);

        assertThatThrownBy(() -> tasks.complete(escalation.getId(), Map.of(ProcessVariables.DECISION, "shrug")))
                .hasMessageContaining("variable 'decision' must be one of retry, abandon, merge; got: 'shrug'")
                .hasRootCauseInstanceOf(BadUserRequestException.class);
        assertThat(task).isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
    }

    @Test
    void rebaseConflictGoesBackToTheEngineer() {
        ProcessInstance task = start("conflicting");
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, green());
        bpmnError(
                task,
                ProcessIds.TOPIC_MERGE,
                ProcessIds.ERROR_REBASE_CONFLICT,
                "Rebasing onto main conflicted in: a.txt");

        assertThat(task)
                .hasPassed(ProcessIds.BOUNDARY_REBASE_CONFLICT, ProcessIds.TASK_PREPARE_FIX_TURN)
                .isWaitingAt(ProcessIds.TASK_CODE_TURN);
        assertThat(variable(task, ProcessVariables.RETRIES))
                .as("shares the retry budget")
                .isEqualTo(1);
        assertThat((String) variable(task, ProcessVariables.PROMPT)).contains("conflicted in: a.txt");
    }

    @Test
    void redAfterRebaseGoesBackToTheEngineer() {
        ProcessInstance task = start("trunk moved");
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, green());
        bpmnError(task, ProcessIds.TOPIC_MERGE, ProcessIds.ERROR_TESTS_RED_AFTER_REBASE, "red after rebase");

        assertThat(task)
                .hasPassed(ProcessIds.BOUNDARY_TESTS_RED_AFTER_REBASE, ProcessIds.TASK_PREPARE_FIX_TURN)
                .isWaitingAt(ProcessIds.TASK_CODE_TURN);
    }

    @Test
    void aMissingTestCommandEscalatesAtOnceWithTheReason() {
        ProcessInstance task = start("no tests");
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        bpmnError(
                task,
                ProcessIds.TOPIC_RUN_TESTS,
                ProcessIds.ERROR_TEST_COMMAND_MISSING,
                "test command not found: nope");

        assertThat(task)
                .hasPassed(ProcessIds.BOUNDARY_TEST_COMMAND_MISSING)
                .hasNotPassed(ProcessIds.TASK_PREPARE_FIX_TURN)
                .isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat(variable(task, ProcessVariables.FAILURE_REASON)).isEqualTo("test command not found: nope");
    }

    @Test
    void aChangeOfProtectedPathsEscalatesAndAHumansMergeAcceptsExactlyThatHeadWithoutForcing() {
        ProcessInstance task = start("rewrites check.sh");
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, green());
        new WorkerStandIn(externalTasks)
                .bpmnError(
                        task.getBusinessKey(),
                        ProcessIds.TOPIC_MERGE,
                        ProcessIds.ERROR_PROTECTED_PATHS,
                        "touches protected paths: check.sh",
                        Map.of(
                                ProcessVariables.LAST_OUTPUT,
                                "-exit 1\n+exit 0",
                                ProcessVariables.PROTECTED_PATHS_COMMIT,
                                "c0ffee"));

        assertThat(task)
                .hasPassed(ProcessIds.BOUNDARY_PROTECTED_PATHS)
                .hasNotPassed(ProcessIds.TASK_PREPARE_FIX_TURN)
                .isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat(variable(task, ProcessVariables.FAILURE_REASON)).isEqualTo("touches protected paths: check.sh");
        assertThat(variable(task, ProcessVariables.RETRIES))
                .as("not the engineer's retry budget")
                .isEqualTo(0);
        tasks.complete(escalationOf(task).getId(), Map.of(ProcessVariables.DECISION, "merge"));
        takeUpAgain(task, "eng-1");

        assertThat(task).isWaitingAt(ProcessIds.TASK_MERGE);
        assertThat(variable(task, ProcessVariables.FORCED_MERGE))
                .as("green work stays green")
                .isEqualTo(false);
        assertThat(variable(task, ProcessVariables.APPROVED_PROTECTED_PATHS_COMMIT))
                .isEqualTo("c0ffee");
        assertThat(variable(task, ProcessVariables.PROTECTED_PATHS_COMMIT)).isNull();
        complete(task, ProcessIds.TOPIC_MERGE, Map.of(ProcessVariables.MERGED_COMMIT, "abc123"));
        assertThat(task).hasPassed(ProcessIds.END_MERGED).isEnded();
        assertThat(finalStatus(task)).isEqualTo("merged");
    }

    @Test
    void aMergeDespiteRedThatThenTouchesProtectedPathsStaysForcedWhenAccepted() {
        ProcessInstance task = start("red and rewrites check.sh");
        claimAndCode(task, "eng-1");
        failTestsUntilEscalated(task);
        tasks.complete(escalationOf(task).getId(), Map.of(ProcessVariables.DECISION, "merge"));
        takeUpAgain(task, "eng-1");
        mergeFindsCheckShChanged(task, "bad1");
        tasks.complete(escalationOf(task).getId(), Map.of(ProcessVariables.DECISION, "merge"));
        takeUpAgain(task, "eng-1");

        assertThat(task).isWaitingAt(ProcessIds.TASK_MERGE);
        assertThat(variable(task, ProcessVariables.FORCED_MERGE)).isEqualTo(true);
        assertThat(variable(task, ProcessVariables.APPROVED_PROTECTED_PATHS_COMMIT))
                .isEqualTo("bad1");
    }

    @Test
    void aRetryOnAProtectedPathsEscalationApprovesNothing() {
        ProcessInstance task = start("rewrites check.sh, then undoes it");
        claimAndCode(task, "eng-1");
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, green());
        mergeFindsCheckShChanged(task, "c0ffee");
        tasks.complete(
                escalationOf(task).getId(),
                Map.of(ProcessVariables.DECISION, "retry", ProcessVariables.GUIDANCE, "leave check.sh alone"));
        takeUpAgain(task, "eng-1");

        assertThat(task).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        assertThat(variable(task, ProcessVariables.APPROVED_PROTECTED_PATHS_COMMIT))
                .isNull();
        assertThat(variable(task, ProcessVariables.FORCED_MERGE)).isEqualTo(false);
    }

    @Test
    void trunkWrittenDuringTheTurnEscalatesAtOnce() {
        ProcessInstance task = start("writes trunk");
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "eng-1"));
        complete(task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, branchWithWork("eng-1/x")));
        new WorkerStandIn(externalTasks)
                .bpmnError(
                        task.getBusinessKey(),
                        ProcessIds.TOPIC_CODE_TURN,
                        ProcessIds.ERROR_TRUNK_CHANGED,
                        "trunk changed during the turn: aaa..bbb was not written by Bosun",
                        Map.of(ProcessVariables.LAST_OUTPUT, "git update-ref refs/heads/main bbb"));

        assertThat(task)
                .hasPassed(ProcessIds.BOUNDARY_TRUNK_CHANGED)
                .hasNotPassed(ProcessIds.TASK_CHECK_EVIDENCE, ProcessIds.TASK_MERGE)
                .isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat(status(task)).isEqualTo("escalated");
        assertThat((String) variable(task, ProcessVariables.FAILURE_REASON))
                .startsWith("trunk changed during the turn");
        tasks.complete(escalationOf(task).getId(), Map.of(ProcessVariables.DECISION, "abandon"));
        assertThat(task)
                .hasPassed(ProcessIds.END_ABANDONED)
                .hasNotPassed(ProcessIds.END_MERGED)
                .isEnded();
    }

    /**
     * An agent that cannot work (its binary gone, or the same failure twice) escalates at once with
     * its reason; the human's retry starts the count of identical failures afresh.
     */
    @Test
    void anAgentThatCannotWorkEscalatesAtOnceAndARetryForgetsItsLastFailure() {
        ProcessInstance task = start("cannot work");
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "eng-1"));
        complete(task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, branchWithWork("eng-1/y")));
        new WorkerStandIn(externalTasks)
                .bpmnError(
                        task.getBusinessKey(),
                        ProcessIds.TOPIC_CODE_TURN,
                        ProcessIds.ERROR_AGENT_CANNOT_WORK,
                        "The agent cannot work here: it exited with code 1 without a commit twice in a row",
                        Map.of(ProcessVariables.TURN_FAILURE, "exit 1\nrefused"));

        assertThat(task)
                .hasPassed(ProcessIds.BOUNDARY_AGENT_CANNOT_WORK)
                .hasNotPassed(ProcessIds.TASK_CHECK_EVIDENCE, ProcessIds.TASK_PREPARE_FIX_TURN)
                .isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat(status(task)).isEqualTo("escalated");
        assertThat((String) variable(task, ProcessVariables.FAILURE_REASON)).startsWith("The agent cannot work here");

        tasks.complete(escalationOf(task).getId(), Map.of(ProcessVariables.DECISION, "retry"));
        takeUpAgain(task, "eng-1");
        assertThat(task).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        assertThat(variable(task, ProcessVariables.TURN_FAILURE)).isNull();
    }

    /**
     * The stall timer fires once per stall timeout while the turn runs and never interrupts it: what
     * the check did (life, a nudge, a restart) is an end of its own, and the turn goes on.
     */
    @Test
    void theStallCheckRecordsLifeANudgeAndARestartWhileTheTurnRunsOn() {
        ProcessInstance task = start("quiet");
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "eng-1"));
        complete(task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, branchWithWork("eng-1/q")));

        Map<String, String> endOf = Map.of(
                "working", ProcessIds.END_TURN_WORKING,
                "nudged", ProcessIds.END_MEMBER_NUDGED,
                "restarted", ProcessIds.END_TURN_RESTARTED);
        for (String action : List.of("working", "nudged", "restarted")) {
            fireStallCheck(task);
            Map<String, Object> result = new HashMap<>(Map.of(ProcessVariables.STALL_ACTION, action));
            if (action.equals("restarted")) {
                result.put(ProcessVariables.STALL_RESTARTS, 1);
            }
            complete(task, ProcessIds.TOPIC_SUPERVISE_TURN, result);
            assertThat(task).hasPassed(endOf.get(action)).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        }
        assertThat(variable(task, ProcessVariables.STALL_RESTARTS)).isEqualTo(1);

        complete(
                task,
                ProcessIds.TOPIC_CODE_TURN,
                Map.of(
                        ProcessVariables.TURN_EXIT_CODE, 0,
                        ProcessVariables.TURN_TIMED_OUT, false,
                        ProcessVariables.STALL_RESTARTS, 0));
        assertThat(task).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(task.getId())
                        .activityId(ProcessIds.BOUNDARY_STALL_CHECK)
                        .count())
                .as("the stall timer ends with the turn")
                .isZero();
    }

    /** Restarts used up: the check gives the turn up, and the code turn ends as an agent that cannot work. */
    @Test
    void aTurnGivenUpAsStalledEscalatesThroughAgentCannotWork() {
        ProcessInstance task = start("hung");
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "eng-1"));
        complete(task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, branchWithWork("eng-1/h")));

        fireStallCheck(task);
        complete(task, ProcessIds.TOPIC_SUPERVISE_TURN, Map.of(ProcessVariables.STALL_ACTION, "stalled"));
        assertThat(task).hasPassed(ProcessIds.END_TURN_GIVEN_UP).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        new WorkerStandIn(externalTasks)
                .bpmnError(
                        task.getBusinessKey(),
                        ProcessIds.TOPIC_CODE_TURN,
                        ProcessIds.ERROR_AGENT_CANNOT_WORK,
                        "Stalled: the agent showed no sign of life",
                        Map.of());

        assertThat(task).hasPassed(ProcessIds.BOUNDARY_AGENT_CANNOT_WORK).isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat((String) variable(task, ProcessVariables.FAILURE_REASON)).startsWith("Stalled:");
    }

    /** The timer's job, run now instead of after the stall timeout. */
    private void fireStallCheck(ProcessInstance task) {
        var job = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(task.getId())
                .activityId(ProcessIds.BOUNDARY_STALL_CHECK)
                .singleResult();
        assertThat(job).as("the stall timer waits while the turn runs").isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }

    /** The turn's commits were never tested: the human's merge sends them through the merge's re-test, unforced. */
    @Test
    void aMergeAfterTrunkChangedIsNotForced() {
        ProcessInstance task = start("writes trunk, then a human merges");
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "eng-1"));
        complete(task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, branchWithWork("eng-1/x")));
        new WorkerStandIn(externalTasks)
                .bpmnError(
                        task.getBusinessKey(),
                        ProcessIds.TOPIC_CODE_TURN,
                        ProcessIds.ERROR_TRUNK_CHANGED,
                        "trunk changed during the turn: aaa..bbb was not written by Bosun",
                        Map.of(ProcessVariables.TRUNK_CHANGED, "aaa..bbb"));

        tasks.complete(escalationOf(task).getId(), Map.of(ProcessVariables.DECISION, "merge"));
        takeUpAgain(task, "eng-1");

        assertThat(task).isWaitingAt(ProcessIds.TASK_MERGE);
        assertThat(variable(task, ProcessVariables.FORCED_MERGE))
                .as("tested by the merge, not forced")
                .isEqualTo(false);
        assertThat(variable(task, ProcessVariables.TRUNK_CHANGED))
                .as("consumed by the decision")
                .isNull();
    }

    @Test
    void claimsFollowPriorityThenAge() {
        ProcessInstance low = start("later", TaskPriority.LOW);
        ProcessInstance urgent = start("now", TaskPriority.URGENT);
        List<LockedExternalTask> fetched = externalTasks
                .fetchAndLock()
                .workerId("eng-9")
                .maxTasks(1)
                .usePriority(true)
                .orderByCreateTime()
                .asc()
                .subscribe()
                .topic(ProcessIds.TOPIC_CLAIM, 1000)
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .execute();
        assertThat(fetched).extracting(LockedExternalTask::getProcessInstanceId).containsExactly(urgent.getId());
        externalTasks.unlock(fetched.get(0).getId());
        runtime.deleteProcessInstance(low.getId(), "test cleanup");
        runtime.deleteProcessInstance(urgent.getId(), "test cleanup");
    }

    // --- playing the workers ---

    @Test
    void retriesRunOutThenTheManagerGuidesOneMoreRoundWhichMerges() {
        ProcessInstance task = start("hard");
        claimAndCode(task, "eng-1-1");
        failTestsThreeTimes(task);

        assertThat(task).isWaitingAt(ProcessIds.TASK_MANAGER_REVIEW).hasNotPassed(ProcessIds.USER_TASK_ESCALATION);
        assertThat(status(task)).isEqualTo("in-progress");
        complete(
                task,
                ProcessIds.TOPIC_MANAGER_REVIEW,
                Map.of(
                        ProcessVariables.GUIDANCE,
                        "Parse the date first",
                        ProcessVariables.GUIDANCE_FROM,
                        "manager",
                        ProcessVariables.REVIEWED_BY,
                        "manager"));

        assertThat(task).hasPassed(ProcessIds.TASK_PREPARE_GUIDED_TURN).isWaitingAt(ProcessIds.TASK_CODE_TURN);
        assertThat(variable(task, ProcessVariables.ATTEMPT)).isEqualTo(4);
        assertThat((String) variable(task, ProcessVariables.PROMPT))
                .contains(
                        "your manager manager reviewed the failures", "Guidance from manager:", "Parse the date first");
        complete(task, ProcessIds.TOPIC_CODE_TURN, turnExited(0));
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, green());
        complete(task, ProcessIds.TOPIC_MERGE, Map.of(ProcessVariables.MERGED_COMMIT, "abc"));
        assertThat(task)
                .hasPassed(ProcessIds.TASK_MANAGER_REVIEW, ProcessIds.END_MERGED)
                .hasNotPassed(ProcessIds.USER_TASK_ESCALATION)
                .isEnded();
    }

    @Test
    void aReviewedTaskThatFailsAgainGoesToAHumanNotBackToTheManager() {
        ProcessInstance task = start("harder");
        claimAndCode(task, "eng-1-1");
        failTestsThreeTimes(task);
        complete(
                task,
                ProcessIds.TOPIC_MANAGER_REVIEW,
                Map.of(
                        ProcessVariables.GUIDANCE,
                        "Try again",
                        ProcessVariables.GUIDANCE_FROM,
                        "manager",
                        ProcessVariables.REVIEWED_BY,
                        "manager"));
        complete(task, ProcessIds.TOPIC_CODE_TURN, turnExited(0));
        complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        complete(task, ProcessIds.TOPIC_RUN_TESTS, red("still failing"));

        assertThat(task).isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
        assertThat(count(task, ProcessIds.TASK_MANAGER_REVIEW)).isEqualTo(1);
        tasks.complete(
                escalationOf(task).getId(),
                Map.of(ProcessVariables.DECISION, "retry", ProcessVariables.GUIDANCE, "Read the spec"));
        takeUpAgain(task, "eng-1-1");
        assertThat((String) variable(task, ProcessVariables.PROMPT))
                .contains("a human reviewed the failures", "Guidance from the human:", "Read the spec");
    }

    private void failTestsThreeTimes(ProcessInstance task) {
        for (int run = 1; run <= 3; run++) {
            complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
            complete(task, ProcessIds.TOPIC_RUN_TESTS, red("failure " + run));
            if (run < 3) {
                complete(task, ProcessIds.TOPIC_CODE_TURN, turnExited(0));
            }
        }
    }

    private ProcessInstance start(String title) {
        return start(title, TaskPriority.NORMAL);
    }

    private ProcessInstance start(String title, TaskPriority priority) {
        String id = lifecycle.start(new NewTask(title, "do " + title, priority));
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(id)
                .singleResult();
        assertThat(instance).isWaitingAt(ProcessIds.TASK_CLAIM);
        return instance;
    }

    /**
     * A real branch one commit ahead of trunk, as a code turn leaves it: a human's {@code merge} is
     * refused on a branch with nothing to merge.
     */
    private static String branchWithWork(String branch) {
        String tree = repository().git("rev-parse", "main^{tree}");
        String commit = repository().git("commit-tree", tree, "-p", "main", "-m", "work on " + branch);
        repository().git("branch", "-f", branch, commit);
        return branch;
    }

    private void claimAndCode(ProcessInstance task, String member) {
        complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, member));
        complete(
                task,
                ProcessIds.TOPIC_PREPARE_WORKTREE,
                Map.of(ProcessVariables.BRANCH, branchWithWork(member + "/x")));
        assertThat(status(task)).isEqualTo("in-progress");
        complete(task, ProcessIds.TOPIC_CODE_TURN, turnExited(0));
    }

    private void failTestsUntilEscalated(ProcessInstance task) {
        failTestsThreeTimes(task);
        assertThat(task).isWaitingAt(ProcessIds.USER_TASK_ESCALATION);
    }

    private Task escalationOf(ProcessInstance task) {
        return tasks.createTaskQuery()
                .processInstanceId(task.getId())
                .taskCandidateGroup(ProcessIds.GROUP_HUMANS)
                .singleResult();
    }

    private void complete(ProcessInstance task, String topic, Map<String, Object> variables) {
        new WorkerStandIn(externalTasks).complete(task.getBusinessKey(), topic, variables);
    }

    private void bpmnError(ProcessInstance task, String topic, String code, String message) {
        new WorkerStandIn(externalTasks)
                .bpmnError(task.getBusinessKey(), topic, code, message, Map.of(ProcessVariables.LAST_OUTPUT, message));
    }

    private static Map<String, Object> turnExited(int exitCode) {
        return Map.of(ProcessVariables.TURN_EXIT_CODE, exitCode, ProcessVariables.TURN_TIMED_OUT, false);
    }

    private static Map<String, Object> green() {
        return Map.of(
                ProcessVariables.TESTS_GREEN,
                true,
                ProcessVariables.TESTED_COMMIT,
                "c0ffee",
                ProcessVariables.LAST_OUTPUT,
                "PASS");
    }

    private static Map<String, Object> red(String output) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.TESTS_GREEN, false);
        variables.put(ProcessVariables.LAST_OUTPUT, output);
        variables.put(ProcessVariables.FAILURE_REASON, "The tests failed with exit code 1.");
        return variables;
    }

    private Object variable(ProcessInstance task, String name) {
        return runtime.getVariable(task.getId(), name);
    }

    private String status(ProcessInstance task) {
        return (String) variable(task, ProcessVariables.STATUS);
    }

    private String finalStatus(ProcessInstance task) {
        return (String) history.createHistoricVariableInstanceQuery()
                .processInstanceId(task.getId())
                .variableName(ProcessVariables.STATUS)
                .singleResult()
                .getValue();
    }

    /** .bosun/events.jsonl, written on the committing thread once a step's transaction commits. */
    private static String eventLog() {
        Path log = repository().root().resolve(".bosun/events.jsonl");
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String endedVariable(ProcessInstance instance, String name) {
        return (String) history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(name)
                .singleResult()
                .getValue();
    }

    private long count(ProcessInstance task, String activityId) {
        return history.createHistoricActivityInstanceQuery()
                .processInstanceId(task.getId())
                .activityId(activityId)
                .count();
    }

    /** The merge step reports that {@code commit} rewrites check.sh, a protected path, to exit 0. */
    private void mergeFindsCheckShChanged(ProcessInstance task, String commit) {
        new WorkerStandIn(externalTasks)
                .bpmnError(
                        task.getBusinessKey(),
                        ProcessIds.TOPIC_MERGE,
                        ProcessIds.ERROR_PROTECTED_PATHS,
                        "touches protected paths: check.sh",
                        Map.of(
                                ProcessVariables.LAST_OUTPUT,
                                "+exit 0",
                                ProcessVariables.PROTECTED_PATHS_COMMIT,
                                commit));
    }
}
