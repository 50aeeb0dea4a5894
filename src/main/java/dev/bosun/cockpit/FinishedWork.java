package dev.bosun.cockpit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.process.PlanVariables;
import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.process.TextValues;

/**
 * Finished tasks and plans, from the engine's history, and the timeline of one of them from every
 * {@link TimelineSource}. Queries run as whoever is logged in to the engine on this thread (the
 * webapp's user), so Camunda's authorizations decide what they see.
 */
@Component
public class FinishedWork {

    /** The newest finished instances a list looks at; a filter narrows within them. */
    static final int SCANNED = 2000;
    /** The most a list shows. */
    static final int SHOWN = 200;
    /** Ids per query: well under any database's limit of an IN list. */
    private static final int BATCH = 500;

    private static final List<String> LISTED_VARIABLES = List.of(
            ProcessVariables.TITLE,
            ProcessVariables.MEMBER,
            ProcessVariables.STATUS,
            PlanVariables.PLAN_STATUS,
            PlanVariables.ARCHITECT);

    private final HistoryService history;
    private final String engineName;
    private final List<TimelineSource> sources;

    public FinishedWork(ProcessEngine engine, List<TimelineSource> sources) {
        this.history = engine.getHistoryService();
        this.engineName = engine.getName();
        this.sources = List.copyOf(sources);
    }

    /** The name of the engine whose history this is, as the webapp's paths name it. */
    public String engineName() {
        return engineName;
    }

    /** The finished instances the filter lets through, the most recently ended first. */
    public List<FinishedInstance> list(FinishedWorkFilter filter) {
        HistoricProcessInstanceQuery query = finishedQuery();
        Instant from = filter.endedFrom();
        Instant before = filter.endedBefore();
        if (from != null) {
            query.finishedAfter(Date.from(from.minusMillis(1)));
        }
        if (before != null) {
            query.finishedBefore(Date.from(before));
        }
        List<HistoricProcessInstance> found =
                query.orderByProcessInstanceEndTime().desc().listPage(0, SCANNED);
        List<FinishedInstance> listed = new ArrayList<>();
        for (int i = 0; i < found.size(); i += BATCH) {
            List<HistoricProcessInstance> batch = found.subList(i, Math.min(found.size(), i + BATCH));
            Map<String, Map<String, String>> variables = variablesOf(batch);
            for (HistoricProcessInstance process : batch) {
                FinishedInstance instance = instance(process, variables.getOrDefault(process.getId(), Map.of()));
                if (filter.matches(instance) && listed.size() < SHOWN) {
                    listed.add(instance);
                }
            }
        }
        return listed;
    }

    /** The instance's timeline; empty when it is not a finished task or plan this user may see. */
    public Optional<Timeline> timeline(String processInstanceId) {
        HistoricProcessInstance process =
                finishedQuery().processInstanceId(processInstanceId).singleResult();
        if (process == null) {
            return Optional.empty();
        }
        FinishedInstance instance =
                instance(process, variablesOf(List.of(process)).getOrDefault(process.getId(), Map.of()));
        List<TimelineEntry> entries = new ArrayList<>();
        for (TimelineSource source : sources) {
            entries.addAll(source.entriesOf(instance));
        }
        // stable: entries at the same instant keep their sources' @Order (a step before its test run)
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return Optional.of(new Timeline(instance, entries));
    }

    private HistoricProcessInstanceQuery finishedQuery() {
        return history.createHistoricProcessInstanceQuery()
                .processDefinitionKeyIn(ProcessIds.TASK_LIFECYCLE, ProcessIds.PLAN)
                .finished();
    }

    private Map<String, Map<String, String>> variablesOf(List<HistoricProcessInstance> processes) {
        String[] ids = processes.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
        Map<String, Map<String, String>> byInstance = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(ids)
                .variableNameIn(LISTED_VARIABLES.toArray(String[]::new))
                .disableCustomObjectDeserialization()
                .list()) {
            // process-scoped values only: a step's local variable of the same name is not the task's
            String value = TextValues.read(variable.getValue());
            if (value != null && variable.getProcessInstanceId().equals(variable.getExecutionId())) {
                byInstance
                        .computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>())
                        .put(variable.getName(), value);
            }
        }
        return byInstance;
    }

    private static FinishedInstance instance(HistoricProcessInstance process, Map<String, String> variables) {
        boolean task = ProcessIds.TASK_LIFECYCLE.equals(process.getProcessDefinitionKey());
        String businessKey = process.getBusinessKey();
        return new FinishedInstance(
                process.getId(),
                task ? FinishedInstance.TASK : FinishedInstance.PLAN,
                businessKey == null ? process.getId() : businessKey,
                variables.getOrDefault(ProcessVariables.TITLE, ""),
                variables.get(task ? ProcessVariables.MEMBER : PlanVariables.ARCHITECT),
                status(process, variables.get(task ? ProcessVariables.STATUS : PlanVariables.PLAN_STATUS)),
                process.getStartTime().toInstant(),
                process.getEndTime().toInstant());
    }

    private static String status(HistoricProcessInstance process, @Nullable String recorded) {
        String state = process.getState();
        if (HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(state)
                || HistoricProcessInstance.STATE_INTERNALLY_TERMINATED.equals(state)) {
            return "cancelled";
        }
        return recorded == null ? "ended" : recorded;
    }
}
