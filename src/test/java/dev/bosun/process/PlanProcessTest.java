package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.PlanReadModel;
import dev.bosun.board.PlanSummary;
import dev.bosun.plan.HeldTasks;
import dev.bosun.process.TaskLifecycle.TaskRefusedException;
import dev.bosun.support.ProcessCoverageGate;
import dev.bosun.support.RepositoryBackedTest;
import dev.bosun.support.WorkerStandIn;

/**
 * One test per path of processes/plan.bpmn, on the real engine (H2 file) with the real delegates
 * and the real read model. The workers are off: each test plays the architect's planning turn
 * (holding tasks as {@code bosun task add} does, then completing the turn), plays the engineers'
 * workers on the plan's task lifecycles, and runs the plan watch's round by hand.
 */
@SpringBootTest(properties = {"bosun.worker.enabled=false", "bosun.plan.max-replans=1"})
@ProcessCoverageGate(processes = ProcessIds.PLAN)
class PlanProcessTest extends RepositoryBackedTest {

    private static final String ARCHITECT = "architect";

    @Autowired
    dev.bosun.audit.TaskDecisions decisions;

    @Autowired
    ProcessEngine engine;

    @Autowired
    Plans plans;

    @Autowired
    HeldTasks held;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    TaskService humanTasks;

    @Autowired
    TaskStatuses statuses;

    @Autowired
    PlanReadModel board;

    private WorkerStandIn workers;
    private PlanWatch watch;

    @DynamicPropertySource
    static void teamWithAnArchitect(DynamicPropertyRegistry registry) throws IOException {
        Path bosun = Files.createDirectories(repository().root().resolve(".bosun"));
        Files.writeString(bosun.resolve("team.yaml"), """
                name: planners
                agent: script
                test_command: [sh, test.sh]
                max_retries: 0
                roles:
                  - {name: architect, role_type: architect}
                  - {name: engineer, role_type: engineer, instances: 2}
                """);
    }

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        workers = new WorkerStandIn(externalTasks);
        watch = new PlanWatch(
                externalTasks, runtime, statuses, "test-node", Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    @AfterEach
    void finishAll() {
        runtime.createProcessInstanceQuery().list().forEach(p -> {
            if (runtime.createProcessInstanceQuery()
                            .processInstanceId(p.getId())
                            .count()
                    > 0) {
                runtime.deleteProcessInstance(p.getId(), "test done");
            }
        });
    }

    /** A plan started from Tasklist or /engine-rest, without a goal or an architect, ends at once. */
    @Test
    void aStartWithoutBosunsVariablesEndsAtOnceNamingThemAndGivesNoArchitectATurn() throws IOException {
        ProcessInstance bare = runtime.startProcessInstanceByKey(ProcessIds.PLAN, "from-tasklist");

        assertThat(bare)
                .hasPassed(ProcessIds.GATEWAY_START_VARIABLES, ProcessIds.END_MISSING_VARIABLES)
                .hasNotPassed(ProcessIds.PLAN_TURN)
                .isEnded();
        assertThat(history.createHistoricIncidentQuery()
                        .processInstanceId(bare.getId())
                        .count())
                .isZero();
        assertThat(externalTasks
                        .createExternalTaskQuery()
                        .processInstanceId(bare.getId())
                        .count())
                .isZero();
        assertThat((String) history.createHistoricVariableInstanceQuery()
                        .processInstanceId(bare.getId())
                        .variableName(ProcessVariables.FAILURE_REASON)
                        .singleResult()
                        .getValue())
                .contains("Not started by Bosun", "planId", "goal", "architect", "maxReplans", "bosun plan");
        assertThat(board.all())
                .as("the board lists plans, not instances started without one")
                .extracting(PlanSummary::id)
                .doesNotContain("from-tasklist");
        Path log = repository().root().resolve(".bosun/events.jsonl");
        assertThat(Files.exists(log) ? Files.readString(log) : "")
                .as("no plan was created")
                .doesNotContain("from-tasklist");
    }

    @Test
    void aValidPlanStartsItsTasksWithoutApprovalAndIsDoneOnceAllAreMerged() {
        String plan = plans.start(new NewPlan("Greet the world", "Greetings", false, "human"));
        ProcessInstance instance = instance(plan);
        assertThat(instance).isWaitingAt(ProcessIds.PLAN_TURN);
        assertThat(planStatus(plan)).isEqualTo("planning");

        String a = hold(plan, "Alpha");
        String b = hold(plan, "Beta", a);
        assertThat(statuses.find(a)).as("held, not started").isEmpty();
        planningTurnEnds(plan);

        assertThat(instance)
                .hasPassed(ProcessIds.PLAN_VALIDATE, ProcessIds.PLAN_START_TASKS)
                .hasNotPassed(ProcessIds.PLAN_APPROVE)
                .isWaitingAt(ProcessIds.PLAN_WATCH);
        assertThat(planStatus(plan)).isEqualTo("running");
        assertThat(held.of(plan)).isEmpty();
        assertThat(statuses.ofPlan(plan))
                .extracting(TaskStatuses.TaskState::id, TaskStatuses.TaskState::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(a, "todo"), org.assertj.core.groups.Tuple.tuple(b, "todo"));
        assertThat(runtime.getVariable(
                        runtime.createProcessInstanceQuery()
                                .processInstanceBusinessKey(b)
                                .singleResult()
                                .getId(),
                        ProcessVariables.DEPENDS_ON))
                .isEqualTo(a);

        merge(a);
        watch.checkRunningPlans();
        assertThat(instance).as("task %s still runs", b).isWaitingAt(ProcessIds.PLAN_WATCH);
        merge(b);
        watch.checkRunningPlans();

        assertThat(instance).hasPassed(ProcessIds.PLAN_END_DONE).isEnded();
        assertThat(endedStatus(plan)).isEqualTo("done");
    }

    @Test
    void aPlanWithoutTasksOrWithACycleGoesBackWithTheProblemsTwiceThenToAHumanWhoGivesUp() {
        String plan = plans.start(new NewPlan("Nothing yet", "Empty", false, "human"));
        ProcessInstance instance = instance(plan);

        planningTurnEnds(plan);
        assertThat(instance).hasPassed(ProcessIds.PLAN_VALIDATE).isWaitingAt(ProcessIds.PLAN_TURN);
        assertThat(text(plan, PlanVariables.PLAN_PROBLEMS)).startsWith("no task was added to plan " + plan);

        String first = hold(plan, "First");
        long next = Long.parseLong(first) + 1;
        String a = hold(plan, "A", Long.toString(next + 1));
        String b = hold(plan, "B", a);
        assertThat(a).isEqualTo(Long.toString(next));
        planningTurnEnds(plan);
        assertThat(instance).isWaitingAt(ProcessIds.PLAN_TURN);
        assertThat(text(plan, PlanVariables.PLAN_PROBLEMS))
                .isEqualTo("tasks " + a + " → " + b + " → " + a
                        + " depend on each other in a cycle: none of them could ever start");

        held.discard(plan); // as the next planning turn does
        hold(plan, "On a task that does not exist", "999999");
        planningTurnEnds(plan);

        assertThat(instance).isWaitingAt(ProcessIds.PLAN_ESCALATION);
        assertThat(planStatus(plan)).isEqualTo("escalated");
        assertThat(text(plan, PlanVariables.ESCALATION_REASON))
                .startsWith("the plan was refused 3 times")
                .contains("depends on task 999999, which does not exist");
        assertThat(statuses.ofPlan(plan)).as("nothing started").isEmpty();
        assertThatThrownBy(() -> plans.decide(plan, PlanDecision.APPROVE, null))
                .isInstanceOf(TaskRefusedException.class)
                .hasMessage("plan " + plan + " waits for a human: decide replan or fail, not approve");

        plans.decide(plan, PlanDecision.FAIL, null);

        assertThat(instance).hasPassed(ProcessIds.PLAN_END_FAILED).isEnded();
        assertThat(endedStatus(plan)).isEqualTo("failed");
        assertThat(held.of(plan)).isEmpty();
    }

    @Test
    void aPlanAskingApprovalWaitsAndARejectionSendsTheGuidanceToANewPlanningTurn() {
        String plan = plans.start(new NewPlan("Greet", "Approved greetings", true, "human"));
        ProcessInstance instance = instance(plan);
        String a = hold(plan, "Alpha");
        planningTurnEnds(plan);

        assertThat(instance).isWaitingAt(ProcessIds.PLAN_APPROVE);
        assertThat(planStatus(plan)).isEqualTo("awaiting-approval");
        assertThat(text(plan, PlanVariables.PLAN_TASKS)).isEqualTo("- task " + a + ": Alpha");
        assertThat(humanTasks
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .taskCandidateGroup(ProcessIds.GROUP_HUMANS)
                        .count())
                .as("in Tasklist for humans")
                .isEqualTo(1);

        plans.decide(plan, PlanDecision.REJECT, "Split Alpha in two");
        assertThat(instance).hasPassed(ProcessIds.PLAN_GATEWAY_APPROVED).isWaitingAt(ProcessIds.PLAN_TURN);
        assertThat(planStatus(plan)).isEqualTo("planning");
        assertThat(text(plan, PlanVariables.GUIDANCE)).isEqualTo("Split Alpha in two");
        assertThat(statuses.ofPlan(plan)).as("a rejected plan starts nothing").isEmpty();

        held.discard(plan); // as the next planning turn does
        String a1 = hold(plan, "Alpha, part 1");
        String a2 = hold(plan, "Alpha, part 2", a1);
        planningTurnEnds(plan);
        assertThat(instance).isWaitingAt(ProcessIds.PLAN_APPROVE);
        assertThat(text(plan, PlanVariables.GUIDANCE))
                .as("a new approval starts without the old guidance")
                .isNull();
        plans.decide(plan, PlanDecision.APPROVE, null);

        assertThat(instance).isWaitingAt(ProcessIds.PLAN_WATCH);
        assertThat(statuses.ofPlan(plan)).extracting(TaskStatuses.TaskState::id).containsExactly(a1, a2);
        assertThat(statuses.find(a))
                .as("the rejected plan's task never started")
                .isEmpty();
        assertThat(decisions.of(plan))
                .as("both rounds recorded under the plan's id; no one is logged in to the engine here")
                .extracting(d -> d.round() + " " + d.decision() + " " + d.by() + " " + d.via() + " " + d.guidance())
                .containsExactly("1 reject unknown engine Split Alpha in two", "2 approve unknown engine null");
    }

    @Test
    void failedTasksGetAReplanningTurnThenAHumanWhoseReplanEndsInTheArchitectGivingUp() {
        String plan = plans.start(new NewPlan("Greet", "Replanned", false, "human"));
        ProcessInstance instance = instance(plan);
        String a = hold(plan, "Alpha");
        String b = hold(plan, "Beta", a);
        planningTurnEnds(plan);

        abandon(a);
        assertThat(statuses.find(b).orElseThrow().status()).isEqualTo("blocked");
        watch.checkRunningPlans();

        assertThat(instance).hasPassed(ProcessIds.PLAN_GATEWAY_OUTCOME).isWaitingAt(ProcessIds.PLAN_TURN);
        assertThat(planStatus(plan)).isEqualTo("replanning");
        assertThat(((Number) runtime.getVariable(instance.getId(), PlanVariables.REPLANS)).intValue())
                .isEqualTo(1);
        assertThat(text(plan, PlanVariables.FAILURES))
                .contains("- task " + a + " (Alpha): abandoned; its last failure: no commits")
                .contains("- task " + b + " (Beta): blocked: depends on task " + a + ", which was abandoned");

        String c = hold(plan, "Alpha again");
        planningTurnEnds(plan);
        assertThat(instance).isWaitingAt(ProcessIds.PLAN_WATCH);
        abandon(c);
        watch.checkRunningPlans();

        assertThat(instance).as("replans used up").isWaitingAt(ProcessIds.PLAN_ESCALATION);
        assertThat(text(plan, PlanVariables.ESCALATION_REASON))
                .contains("- task " + c + " (Alpha again): abandoned")
                .doesNotContain("(Beta)");

        plans.decide(plan, PlanDecision.REPLAN, "Try a smaller step");
        assertThat(instance).isWaitingAt(ProcessIds.PLAN_TURN);
        assertThat(planStatus(plan)).isEqualTo("replanning");
        planningTurnEnds(plan); // adds nothing: gives up

        assertThat(instance).isWaitingAt(ProcessIds.PLAN_ESCALATION);
        assertThat(text(plan, PlanVariables.ESCALATION_REASON))
                .startsWith("the architect added no task when replanning");
        plans.decide(plan, PlanDecision.FAIL, null);

        assertThat(instance).isEnded();
        assertThat(endedStatus(plan)).isEqualTo("failed");
        HistoricProcessInstance blocked = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .processInstanceBusinessKey(b)
                .singleResult();
        assertThat(blocked.getDeleteReason()).isEqualTo("plan " + plan + " ended (failed) while this task was blocked");
        assertThat(statuses.find(b).orElseThrow().status()).isEqualTo("cancelled");
    }

    @Test
    void cancellingARunningPlanCancelsItsTasksAndOnlyItsArchitectAddsTasksDuringAPlanningTurn() {
        String plan = plans.start(new NewPlan("Greet", "Cancelled", false, "human"));
        assertThatThrownBy(() -> plans.hold(plan, task("Sneaky"), "engineer-1"))
                .isInstanceOf(TaskRefusedException.class)
                .hasMessage("only plan " + plan + "'s architect (architect) adds its tasks")
                .extracting(e -> ((TaskRefusedException) e).kind())
                .isEqualTo(TaskRefusedException.Kind.FORBIDDEN);
        String a = hold(plan, "Alpha");
        planningTurnEnds(plan);
        assertThatThrownBy(() -> hold(plan, "Late"))
                .isInstanceOf(TaskRefusedException.class)
                .hasMessage(
                        "plan " + plan + " is not in a planning turn (it is running): its tasks are added during one");

        plans.cancel(plan, "human");

        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(plan)
                .singleResult();
        assertThat(ended.getState())
                .isIn(
                        HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED,
                        HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);
        assertThat(ended.getDeleteReason()).isEqualTo("cancelled by human");
        assertThat(statuses.find(a).orElseThrow())
                .extracting(TaskStatuses.TaskState::status, TaskStatuses.TaskState::reason)
                .containsExactly("cancelled", "cancelled with plan " + plan + " by human");
        assertThatThrownBy(() -> plans.cancel(plan, "human"))
                .isInstanceOf(TaskRefusedException.class)
                .hasMessage("plan " + plan + " has ended (cancelled)");
        assertThatThrownBy(() -> plans.cancel("424242", "human"))
                .isInstanceOf(TaskRefusedException.class)
                .hasMessage("no plan with id '424242'");
    }

    private String hold(String plan, String title, String... dependsOn) {
        return plans.hold(plan, task(title, dependsOn), ARCHITECT);
    }

    private static NewTask task(String title, String... dependsOn) {
        return new NewTask(title, "do " + title, TaskPriority.NORMAL, List.of(dependsOn), ARCHITECT);
    }

    private void planningTurnEnds(String plan) {
        workers.complete(plan, ProcessIds.TOPIC_PLAN_TURN, Map.of());
    }

    /** Plays the workers through a green first attempt. */
    private void merge(String task) {
        claimAndCode(task);
        workers.complete(task, ProcessIds.TOPIC_CHECK_EVIDENCE, Map.of(ProcessVariables.COMMITS_AHEAD, 1));
        workers.complete(
                task,
                ProcessIds.TOPIC_RUN_TESTS,
                Map.of(ProcessVariables.TESTS_GREEN, true, ProcessVariables.TESTED_COMMIT, "c0ffee"));
        workers.complete(task, ProcessIds.TOPIC_MERGE, Map.of(ProcessVariables.MERGED_COMMIT, "abc123"));
        assertThat(statuses.find(task).orElseThrow().status()).isEqualTo("merged");
    }

    /** A turn without commits (max_retries 0: escalated at once), then a human abandons it. */
    private void abandon(String task) {
        workers.complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "engineer-1"));
        workers.complete(
                task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, "engineer-1/" + task));
        workers.turnWithoutCommits(task);
        String escalation = humanTasks
                .createTaskQuery()
                .processInstanceBusinessKey(task)
                .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                .singleResult()
                .getId();
        humanTasks.complete(escalation, Map.of(ProcessVariables.DECISION, "abandon"));
        assertThat(statuses.find(task).orElseThrow().status()).isEqualTo("abandoned");
    }

    private void claimAndCode(String task) {
        workers.complete(task, ProcessIds.TOPIC_CLAIM, Map.of(ProcessVariables.MEMBER, "engineer-1"));
        workers.complete(
                task, ProcessIds.TOPIC_PREPARE_WORKTREE, Map.of(ProcessVariables.BRANCH, "engineer-1/" + task));
        workers.complete(
                task,
                ProcessIds.TOPIC_CODE_TURN,
                Map.of(ProcessVariables.TURN_EXIT_CODE, 0, ProcessVariables.TURN_TIMED_OUT, false));
    }

    private ProcessInstance instance(String plan) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.PLAN)
                .processInstanceBusinessKey(plan)
                .singleResult();
    }

    private String planStatus(String plan) {
        return (String) runtime.getVariable(instance(plan).getId(), PlanVariables.PLAN_STATUS);
    }

    private String text(String plan, String variable) {
        return TextValues.read(runtime.getVariable(instance(plan).getId(), variable));
    }

    private String endedStatus(String plan) {
        String id = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(plan)
                .singleResult()
                .getId();
        return (String) history.createHistoricVariableInstanceQuery()
                .processInstanceId(id)
                .variableName(PlanVariables.PLAN_STATUS)
                .singleResult()
                .getValue();
    }
}
