package dev.bosun.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.process.ProcessIds;
import dev.bosun.process.ProcessVariables;
import dev.bosun.process.TaskStatus;
import dev.bosun.process.TaskVariables;
import dev.bosun.team.Team;

/**
 * Projects task-lifecycle instances from the history service (history level full), which has
 * running and finished instances alike, with two queries per list. The statuses no listener sets
 * (blocked, cancelled) come from {@link DerivedStatus}, fed with each instance's historic state.
 */
@Component
class EngineTaskReadModel implements TaskReadModel {

    private static final String PROCESS_KEY = ProcessIds.TASK_LIFECYCLE;
    private static final String[] SUMMARY_VARIABLES = {
        ProcessVariables.STATUS,
        ProcessVariables.TITLE,
        ProcessVariables.PRIORITY,
        ProcessVariables.MEMBER,
        ProcessVariables.ATTEMPT,
        ProcessVariables.BRANCH,
        ProcessVariables.MERGED_COMMIT,
        ProcessVariables.DEPENDS_ON,
        ProcessVariables.PLAN_ID
    };
    private static final String[] DEPENDENCY_VARIABLES = {ProcessVariables.STATUS, ProcessVariables.DEPENDS_ON};
    private static final Set<String> TERMINATED = Set.of(
            HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED, HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);

    private final HistoryService history;
    private final FinishedInstances finished;

    EngineTaskReadModel(HistoryService history) {
        this.history = history;
        this.finished = new FinishedInstances(
                history, PROCESS_KEY, SUMMARY_VARIABLES, this::variablesOf, EngineTaskReadModel::settled);
    }

    /**
     * A finished task as read is final when its status is a finished one (merged, abandoned); a
     * terminated instance (cancelled) keeps the status it had, and one that ended for missing
     * variables has none.
     */
    static boolean settled(FinishedInstances.Finished finished) {
        HistoricProcessInstance instance = finished.instance();
        if (TERMINATED.contains(instance.getState())
                || ProcessIds.END_MISSING_VARIABLES.equals(instance.getEndActivityId())) {
            return true;
        }
        Object status = finished.variables().get(ProcessVariables.STATUS);
        return status != null
                && TaskStatus.find(status.toString()).map(TaskStatus::finished).orElse(false);
    }

    /** The running instances fresh from history, the finished ones from {@link FinishedInstances}. */
    @Override
    public List<TaskSummary> all() {
        List<HistoricProcessInstance> running = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .unfinished()
                .list();
        Map<String, Map<String, Object>> variables = running.isEmpty()
                ? new HashMap<>()
                : variablesOf(
                        SUMMARY_VARIABLES,
                        running.stream().map(HistoricProcessInstance::getId).toArray(String[]::new));
        List<HistoricProcessInstance> instances = new ArrayList<>(running);
        for (FinishedInstances.Finished done : finished.all()) {
            instances.add(done.instance());
            variables.put(done.instance().getId(), done.variables());
        }
        return summaries(instances, variables);
    }

    /**
     * A plan's tasks depend only on each other and on merged tasks (the plan's check refuses the
     * rest), so the plan's own instances are all {@link DerivedStatus} needs.
     */
    @Override
    public List<TaskSummary> ofPlan(String planId) {
        return summaries(history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .variableValueEquals(ProcessVariables.PLAN_ID, planId)
                .orderByProcessInstanceStartTime()
                .asc()
                .list());
    }

    private List<TaskSummary> summaries(List<HistoricProcessInstance> all) {
        if (all.isEmpty()) {
            return List.of();
        }
        return summaries(
                all,
                variablesOf(
                        SUMMARY_VARIABLES,
                        all.stream().map(HistoricProcessInstance::getId).toArray(String[]::new)));
    }

    /** @param variables the {@link #SUMMARY_VARIABLES} of every instance, by instance id */
    private List<TaskSummary> summaries(List<HistoricProcessInstance> all, Map<String, Map<String, Object>> variables) {
        // a lifecycle started without Bosun's variables (Tasklist, /engine-rest) ended at once: no task
        List<HistoricProcessInstance> instances = all.stream()
                .filter(i -> !ProcessIds.END_MISSING_VARIABLES.equals(i.getEndActivityId()))
                .toList();
        if (instances.isEmpty()) {
            return List.of();
        }
        Map<String, String> incidents = openIncidents();
        Map<String, DerivedStatus.Facts> facts = new HashMap<>();
        instances.forEach(
                i -> facts.put(i.getBusinessKey(), facts(i, variables(i, variables), incidents.get(i.getId()))));
        DerivedStatus derived = new DerivedStatus(id -> Optional.ofNullable(facts.get(id)));
        return instances.stream()
                .map(i -> summary(i, variables(i, variables), derived.of(facts.get(i.getBusinessKey()))))
                .sorted(Comparator.comparingLong(s -> numericId(s.id())))
                .toList();
    }

    @Override
    public Optional<TaskDetails> find(String taskId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(taskId)
                .singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        TaskVariables variables = variables(instance, variablesOf(null, instance.getId()));
        List<String> incidents = incidentsOf(instance.getId());
        DerivedStatus.Shown shown = new DerivedStatus(this::dependencyFacts)
                .of(facts(instance, variables, incidents.isEmpty() ? null : incidents.get(0)));
        Map<String, String> userTaskNames = userTaskNames(instance.getId());
        List<TaskStep> steps = history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId())
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .orderPartiallyByOccurrence()
                .asc()
                .list()
                .stream()
                .map(a -> step(a, userTaskNames))
                .toList();
        // the failure of an earlier attempt is over once the task is merged; its history keeps it
        String failureReason =
                TaskStatus.MERGED.is(shown.status()) ? null : variables.text(ProcessVariables.FAILURE_REASON);
        return Optional.of(new TaskDetails(
                summary(instance, variables, shown),
                Optional.ofNullable(variables.text(ProcessVariables.CREATED_BY)).orElse(Team.HUMAN),
                variables.text(ProcessVariables.MANAGER),
                variables.text(ProcessVariables.BODY),
                failureReason,
                variables.text(ProcessVariables.LAST_OUTPUT),
                steps,
                incidents));
    }

    /** A dependency of the task {@link #find} shows: one query for the instance, one for its variables. */
    private Optional<DerivedStatus.Facts> dependencyFacts(String taskId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(taskId)
                .singleResult();
        return Optional.ofNullable(instance)
                .map(i -> facts(i, variables(i, variablesOf(DEPENDENCY_VARIABLES, i.getId())), null));
    }

    /** "activity: message" of each open incident of a task, oldest first. */
    private List<String> incidentsOf(String processInstanceId) {
        return history.createHistoricIncidentQuery().processInstanceId(processInstanceId).open().list().stream()
                .map(EngineTaskReadModel::incident)
                .toList();
    }

    /** The first open incident of every instance that has one, by process instance id: one query. */
    private Map<String, String> openIncidents() {
        Map<String, String> byInstance = new HashMap<>();
        for (HistoricIncident incident : history.createHistoricIncidentQuery()
                .open()
                .orderByCreateTime()
                .asc()
                .list()) {
            byInstance.putIfAbsent(incident.getProcessInstanceId(), incident(incident));
        }
        return byInstance;
    }

    private static String incident(HistoricIncident incident) {
        return incident.getActivityId() + ": " + incident.getIncidentMessage();
    }

    /** @param incident its open incident as {@link #incident} words it, or null */
    private static DerivedStatus.Facts facts(
            HistoricProcessInstance instance, TaskVariables v, @Nullable String incident) {
        return new DerivedStatus.Facts(
                instance.getBusinessKey(),
                v.text(ProcessVariables.STATUS),
                TERMINATED.contains(instance.getState()),
                instance.getDeleteReason(),
                v.list(ProcessVariables.DEPENDS_ON),
                incident);
    }

    /** @param names the variables to read, or null for all of them */
    private Map<String, Map<String, Object>> variablesOf(String[] names, String... processInstanceIds) {
        Map<String, Map<String, Object>> byInstance = new HashMap<>();
        var query = history.createHistoricVariableInstanceQuery().processInstanceIdIn(processInstanceIds);
        if (names != null) {
            query.variableNameIn(names);
        }
        for (HistoricVariableInstance variable : query.list()) {
            if (variable.getValue() != null) {
                byInstance
                        .computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>())
                        .put(variable.getName(), variable.getValue());
            }
        }
        return byInstance;
    }

    /** @param byInstance the variables of several instances, from {@link #variablesOf} */
    private static TaskVariables variables(
            HistoricProcessInstance instance, Map<String, Map<String, Object>> byInstance) {
        return TaskVariables.of(
                byInstance.getOrDefault(instance.getId(), Map.of()), "task " + instance.getBusinessKey());
    }

    private static TaskSummary summary(HistoricProcessInstance instance, TaskVariables v, DerivedStatus.Shown shown) {
        // Never claimed (todo, blocked, or cancelled before a claim): no turn was started.
        boolean unclaimed = TaskStatus.TODO.is(v.textOr(ProcessVariables.STATUS, TaskStatus.TODO.wireName()));
        int attempts = unclaimed ? 0 : v.integerOr(ProcessVariables.ATTEMPT, 0);
        return new TaskSummary(
                instance.getBusinessKey(),
                v.text(ProcessVariables.TITLE),
                v.text(ProcessVariables.PRIORITY),
                shown.status(),
                v.text(ProcessVariables.MEMBER),
                attempts,
                v.text(ProcessVariables.BRANCH),
                v.text(ProcessVariables.MERGED_COMMIT),
                shown.reason(),
                v.list(ProcessVariables.DEPENDS_ON),
                v.text(ProcessVariables.PLAN_ID));
    }

    /**
     * The names of the instance's human tasks by task id, as the engine resolved them when each was
     * created: an activity's own name is the diagram's text, expressions unresolved
     * ({@code Escalation: ${title}}).
     */
    private Map<String, String> userTaskNames(String processInstanceId) {
        Map<String, String> names = new HashMap<>();
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId)
                .list()) {
            if (task.getName() != null) {
                names.put(task.getId(), task.getName());
            }
        }
        return names;
    }

    /** @param userTaskNames from {@link #userTaskNames}: a human task's step shows its resolved name */
    private static TaskStep step(HistoricActivityInstance a, Map<String, String> userTaskNames) {
        String name = a.getTaskId() == null ? null : userTaskNames.get(a.getTaskId());
        return new TaskStep(
                a.getActivityId(),
                name != null ? name : a.getActivityName(),
                a.getActivityType(),
                instant(a.getStartTime()),
                instant(a.getEndTime()),
                a.getAssignee());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static long numericId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
