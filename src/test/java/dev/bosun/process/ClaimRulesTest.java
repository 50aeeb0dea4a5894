package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.process.TaskLifecycle.TaskRefusedException;
import dev.bosun.support.RepositoryBackedTest;

/**
 * Who may claim what: {@code bosun assign} reserves a waiting task for one engineer, and
 * {@code --depends-on} holds a task until its dependencies are merged. The dispatcher is driven
 * by hand (workers off), so each claim round is one call.
 */
@SpringBootTest(properties = {"bosun.worker.enabled=false", "bosun.engineers=2"})
class ClaimRulesTest extends RepositoryBackedTest {

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagerReviews managers;

    @Autowired
    HistoryService history;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    DataSource dataSource;

    private ClaimRounds rounds;

    @BeforeEach
    void claimRoundsByHand() {
        rounds = new ClaimRounds(externalTasks, runtime, history, dataSource, managers);
    }

    @Test
    void anAssignedTaskGoesOnlyToItsEngineerEvenWhenItIsMoreUrgent() {
        String routine = lifecycle.start(new NewTask("routine", "", TaskPriority.NORMAL));
        String urgent = lifecycle.start(new NewTask("urgent for eng-2", "", TaskPriority.URGENT));
        lifecycle.assign(urgent, "eng-2");

        rounds.dispatcher(List.of("eng-1")).claimForIdleEngineers();
        assertThat(rounds.claimant(urgent)).isNull();
        assertThat(rounds.claimant(routine)).isEqualTo("eng-1");

        rounds.dispatcher(List.of("eng-2")).claimForIdleEngineers();
        assertThat(rounds.claimant(urgent)).isEqualTo("eng-2");
        finishAll();
    }

    @Test
    void aDependentTaskWaitsUntilItsDependencyIsMerged() {
        String base = lifecycle.start(new NewTask("base", "", TaskPriority.NORMAL));
        String dependent = lifecycle.start(new NewTask("on top", "", TaskPriority.URGENT, List.of(base)));
        ClaimDispatcher dispatcher = rounds.dispatcher(List.of("eng-1", "eng-2"));

        dispatcher.claimForIdleEngineers();
        assertThat(rounds.claimant(base)).isNotNull();
        assertThat(rounds.claimant(dependent))
                .as("claimed before its dependency merged")
                .isNull();

        runtime.setVariable(rounds.instance(base).getId(), ProcessVariables.STATUS, "merged");
        dispatcher.claimForIdleEngineers();
        assertThat(rounds.claimant(dependent)).isNotNull().isNotEqualTo(rounds.claimant(base));
        finishAll();
    }

    @Test
    void assignAndDependsOnRefuseWhatCannotBe() {
        String task = lifecycle.start(new NewTask("t", "", TaskPriority.NORMAL));
        assertRefused(
                () -> lifecycle.start(new NewTask("x", "", TaskPriority.NORMAL, List.of("9999"))),
                TaskRefusedException.Kind.BAD_INPUT,
                "dependsOn",
                "9999");
        assertRefused(
                () -> lifecycle.assign(task, "architect"), TaskRefusedException.Kind.BAD_INPUT, "member", "architect");
        assertRefused(() -> lifecycle.assign("9999", "eng-1"), TaskRefusedException.Kind.NOT_FOUND, "task", "9999");

        rounds.dispatcher(List.of("eng-1")).claimForIdleEngineers();
        assertRefused(() -> lifecycle.assign(task, "eng-2"), TaskRefusedException.Kind.CONFLICT, "task", "eng-1");
        finishAll();
    }

    private static void assertRefused(Runnable call, TaskRefusedException.Kind kind, String field, String mentioned) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TaskRefusedException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(mentioned);
        });
    }

    /** Each test leaves no running task behind, so the next one sees only its own. */
    private void finishAll() {
        runtime.createProcessInstanceQuery().list().forEach(p -> runtime.deleteProcessInstance(p.getId(), "test done"));
    }
}
