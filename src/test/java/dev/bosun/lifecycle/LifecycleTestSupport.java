package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bosun.board.TaskReadModel;
import dev.bosun.board.TaskSummary;
import dev.bosun.cli.BosunCli;
import dev.bosun.process.NewTask;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.process.TextValues;
import dev.bosun.support.Await;
import dev.bosun.support.RepositoryBackedTest;

/**
 * What the lifecycle integration tests share: start a task whose script agent follows a
 * {@code bosun-script} block, wait for its status, read its escalation and its history.
 */
abstract class LifecycleTestSupport extends RepositoryBackedTest {

    static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final ObjectMapper EVENT_JSON = new ObjectMapper();

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    @Autowired
    HistoryService history;

    @Autowired
    TaskService userTasks;

    static String script(String... lines) {
        return "Do what the script says.\n\n```bosun-script\n" + String.join("\n", lines) + "\n```\n";
    }

    String start(String title, String body) {
        return lifecycle.start(new NewTask(title, body, TaskPriority.NORMAL));
    }

    TaskSummary awaitStatus(String id, String status) {
        return Await.until(
                "task " + id + " to be " + status,
                PATIENCE,
                () -> tasks.find(id).orElseThrow().task(),
                t -> status.equals(t.status()));
    }

    Task escalation(String id) {
        return userTasks
                .createTaskQuery()
                .processInstanceBusinessKey(id)
                .taskDefinitionKey(ProcessIds.USER_TASK_ESCALATION)
                .taskCandidateGroup(ProcessIds.GROUP_HUMANS)
                .singleResult();
    }

    long count(String id, String activityId) {
        return history.createHistoricActivityInstanceQuery()
                .processInstanceId(instanceOf(id))
                .activityId(activityId)
                .count();
    }

    String instanceOf(String id) {
        return history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(id)
                .singleResult()
                .getId();
    }

    /** Every value a variable had, oldest first, as text (history level full records each update; long text is bytes). */
    List<String> values(String id, String variable) {
        return history
                .createHistoricDetailQuery()
                .processInstanceId(instanceOf(id))
                .variableUpdates()
                .orderPartiallyByOccurrence()
                .asc()
                .list()
                .stream()
                .map(HistoricVariableUpdate.class::cast)
                .filter(u -> u.getVariableName().equals(variable))
                .map(u -> TextValues.read(u.getValue()))
                .toList();
    }

    /** The lines of {@code .bosun/events.jsonl} that {@code keep} accepts, oldest first. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events(Predicate<Map<String, Object>> keep) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line :
                read(repository.root().resolve(".bosun/events.jsonl")).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> event = EVENT_JSON.readValue(line, Map.class);
                if (keep.test(event)) {
                    events.add(event);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    /**
     * Runs the real {@code bosun} command against the server on {@code port}; fails unless it exits
     * with {@code expectedExit}.
     *
     * @return what it printed, output then error text
     */
    String cli(int port, int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withUrl = Stream.concat(Arrays.stream(args), Stream.of("--url", "http://127.0.0.1:" + port))
                .toArray(String[]::new);
        int code = BosunCli.run(withUrl, repository.root(), Map.of(), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(out + "\n" + err).isEqualTo(expectedExit);
        return out + err.toString();
    }

    /** {@code .bosun/board.md} as the server last wrote it, or "" before that. */
    String board() {
        return read(repository.root().resolve(".bosun/board.md"));
    }

    /** A file the server writes, or "" while it does not exist. */
    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
