package dev.bosun.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.support.RepositoryBackedTest;

/**
 * The task list keeps the finished tasks it has read (they never change) and reads only new ones:
 * what finishes later, what finished "earlier" than what it had already read (a late commit, here
 * a clock set back), and history deleted in Cockpit all show up in the next list.
 */
@SpringBootTest(properties = "bosun.worker.enabled=false")
class EngineTaskReadModelTest extends RepositoryBackedTest {

    @Autowired
    TaskReadModel tasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @AfterEach
    void realClock() {
        ClockUtil.reset();
    }

    @Test
    void finishedTasksAreKeptAndTheListStaysTheEnginesAsHistoryChanges() {
        merged("9001");
        assertThat(tasks.all()).extracting(TaskSummary::id, TaskSummary::status).contains(tuple("9001", "merged"));

        merged("9002");
        assertThat(tasks.all()).extracting(TaskSummary::id).contains("9001", "9002");

        // ended a day "before" what was already read: the incremental read misses it, the count does not
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - 24 * 3600 * 1000L));
        merged("9003");
        ClockUtil.reset();
        assertThat(tasks.all()).extracting(TaskSummary::id).contains("9001", "9002", "9003");

        String second = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("9002")
                .singleResult()
                .getId();
        history.deleteHistoricProcessInstance(second);
        assertThat(tasks.all())
                .extracting(TaskSummary::id)
                .contains("9001", "9003")
                .doesNotContain("9002");
    }

    /**
     * Seen on a loaded machine: a merged task read with the status it had before its end
     * ("merging") and kept so, for good. Here the first read of the variables gives that old status.
     */
    @Test
    void aFinishedTaskReadWithAnEarlierStatusIsReadAgainUntilItsStatusIsFinal() {
        merged("9101");
        String instance = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("9101")
                .singleResult()
                .getId();
        AtomicInteger readsOfIt = new AtomicInteger();
        FinishedInstances finished = new FinishedInstances(
                history,
                ProcessIds.TASK_LIFECYCLE,
                new String[] {ProcessVariables.STATUS},
                (names, ids) -> {
                    Map<String, Map<String, Object>> byId = new HashMap<>();
                    for (String id : ids) {
                        boolean first = id.equals(instance) && readsOfIt.incrementAndGet() == 1;
                        byId.put(id, Map.of(ProcessVariables.STATUS, first ? "merging" : statusIn(id)));
                    }
                    return byId;
                },
                EngineTaskReadModel::settled);

        assertThat(statusOf(instance, finished))
                .as("read as merging, not final: read again")
                .isEqualTo("merged");
        assertThat(readsOfIt.get()).isEqualTo(2);
        assertThat(statusOf(instance, finished)).isEqualTo("merged");
        assertThat(readsOfIt.get()).as("final: kept, not read again").isEqualTo(2);
    }

    private static Object statusOf(String instance, FinishedInstances finished) {
        return finished.all().stream()
                .filter(f -> f.instance().getId().equals(instance))
                .findFirst()
                .orElseThrow()
                .variables()
                .get(ProcessVariables.STATUS);
    }

    private Object statusIn(String instance) {
        HistoricVariableInstance status = history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance)
                .variableName(ProcessVariables.STATUS)
                .singleResult();
        return status == null ? "" : status.getValue();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** A task that reached its merged end, as history keeps it. */
    private void merged(String id) {
        runtime.createProcessInstanceByKey(ProcessIds.TASK_LIFECYCLE)
                .businessKey(id)
                .setVariables(Map.of(
                        ProcessVariables.TASK_ID,
                        id,
                        ProcessVariables.TITLE,
                        "Task " + id,
                        ProcessVariables.PRIORITY,
                        "normal",
                        ProcessVariables.MEMBER,
                        "engineer",
                        ProcessVariables.ATTEMPT,
                        1,
                        ProcessVariables.MERGED_COMMIT,
                        "0123456789abcdef0123456789abcdef01234567"))
                .startBeforeActivity(ProcessIds.END_MERGED)
                .execute();
    }
}
