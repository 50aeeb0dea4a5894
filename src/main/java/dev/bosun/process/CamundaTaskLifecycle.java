package dev.bosun.process;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.agent.TaskPrompts;
import dev.bosun.lease.Lease;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.process.TaskLifecycle.TaskRefusedException;
import dev.bosun.team.Roster;

/** Starts one task-lifecycle instance per task, the task id as its business key. */
@Component
class CamundaTaskLifecycle implements TaskLifecycle {

    /** How long {@code bosun assign} waits for a claim round in progress. */
    private static final Duration ASSIGN_WAIT = Duration.ofSeconds(15);

    private final RuntimeService runtime;
    private final HistoryService history;
    private final Roster roster;
    private final Lease claimLock;
    private final TaskIdSequence ids;
    private final BosunProperties properties;
    private final ManagerReviews managers;
    private final ExternalTaskService externalTasks;
    private final ManagementService management;

    CamundaTaskLifecycle(
            RuntimeService runtime,
            HistoryService history,
            Roster roster,
            TaskIdSequence ids,
            BosunProperties properties,
            Leases leases,
            ManagerReviews managers,
            ExternalTaskService externalTasks,
            ManagementService management) {
        this.externalTasks = externalTasks;
        this.management = management;
        this.managers = managers;
        this.claimLock = leases.of(LeaseName.CLAIM);
        this.runtime = runtime;
        this.history = history;
        this.roster = roster;
        this.ids = ids;
        this.properties = properties;
    }

    @Override
    public String start(NewTask task) {
        refuseUnknownManager(task);
        for (String dependency : task.dependsOn()) {
            if (history.createHistoricProcessInstanceQuery()
                            .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                            .processInstanceBusinessKey(dependency)
                            .count()
                    == 0) {
                throw new TaskRefusedException(
                        TaskRefusedException.Kind.BAD_INPUT,
                        "dependsOn",
                        "dependsOn names task " + dependency + ", which does not exist");
            }
        }
        String id = Long.toString(ids.next());
        startWithId(id, task, null);
        return id;
    }

    /**
     * Starts the lifecycle of a task whose id was handed out already (a plan's held task), in the
     * caller's transaction when there is one.
     *
     * @param planId the plan that starts it, or null
     */
    void startWithId(String id, NewTask task, @Nullable String planId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.TASK_ID, id);
        variables.put(ProcessVariables.TITLE, task.title());
        variables.put(ProcessVariables.BODY, TextValues.store(task.body()));
        variables.put(ProcessVariables.PRIORITY, task.priority().label());
        variables.put(ProcessVariables.CREATED_BY, task.createdBy());
        variables.put(ProcessVariables.PRIORITY_VALUE, task.priority().value());
        variables.put(ProcessVariables.STATUS, TaskStatus.TODO.wireName());
        variables.put(ProcessVariables.ATTEMPT, 1);
        variables.put(ProcessVariables.RETRIES, 0);
        variables.put(ProcessVariables.MAX_RETRIES, properties.maxRetries());
        if (!task.dependsOn().isEmpty()) {
            variables.put(ProcessVariables.DEPENDS_ON, TaskVariables.listValue(task.dependsOn()));
        }
        if (task.manager() != null) {
            variables.put(ProcessVariables.MANAGER, task.manager());
        }
        if (planId != null) {
            variables.put(ProcessVariables.PLAN_ID, planId);
        }
        variables.put(ProcessVariables.PROMPT, TextValues.store(TaskPrompts.firstTurn(id, task.title(), task.body())));
        runtime.startProcessInstanceByKey(ProcessIds.TASK_LIFECYCLE, id, variables);
    }

    /** A task naming a manager that is not one, with engineers, is refused naming {@code manager}. */
    void refuseUnknownManager(NewTask task) {
        String manager = task.manager();
        if (manager != null) {
            managers.refusal(manager).ifPresent(problem -> {
                throw new TaskRefusedException(TaskRefusedException.Kind.BAD_INPUT, "manager", problem);
            });
        }
    }

    /** A fresh task id from the shared counter. */
    String nextId() {
        return Long.toString(ids.next());
    }

    @Override
    public void assign(String taskId, String member) {
        Optional<Lease.Held> lease = claimLock.acquire("assign/" + taskId, ASSIGN_WAIT);
        if (lease.isEmpty()) {
            throw new TaskRefusedException(
                    TaskRefusedException.Kind.CONFLICT, "task", "claims are busy (the claim lease is held); try again");
        }
        try (Lease.Held held = lease.get()) {
            assignUnderLease(taskId, member);
        }
    }

    @Override
    public void retry(String taskId) {
        ProcessInstance instance = runningInstance(taskId);
        List<Incident> incidents = runtime.createIncidentQuery()
                .processInstanceId(instance.getId())
                .list();
        if (incidents.isEmpty()) {
            throw new TaskRefusedException(
                    TaskRefusedException.Kind.CONFLICT,
                    "task",
                    "task " + taskId + " has no failed step to retry (it is "
                            + runtime.getVariable(instance.getId(), ProcessVariables.STATUS) + ")");
        }
        for (Incident incident : incidents) {
            if (Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType())) {
                management.setJobRetries(incident.getConfiguration(), 1);
            } else {
                externalTasks.setRetries(incident.getConfiguration(), 1);
            }
        }
    }

    /** @throws TaskRefusedException 409 for a finished task, 404 for an unknown one */
    private ProcessInstance runningInstance(String taskId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                .processInstanceBusinessKey(taskId)
                .singleResult();
        if (instance == null) {
            throw notRunning(taskId);
        }
        return instance;
    }

    private TaskRefusedException notRunning(String taskId) {
        boolean finished = history.createHistoricProcessInstanceQuery()
                        .processDefinitionKey(ProcessIds.TASK_LIFECYCLE)
                        .processInstanceBusinessKey(taskId)
                        .count()
                > 0;
        return finished
                ? new TaskRefusedException(
                        TaskRefusedException.Kind.CONFLICT, "task", "task " + taskId + " is finished")
                : new TaskRefusedException(
                        TaskRefusedException.Kind.NOT_FOUND, "task", "no task with id '" + taskId + "'");
    }

    private void assignUnderLease(String taskId, String member) {
        if (roster.engineers().stream().noneMatch(m -> m.name().equals(member))) {
            throw new TaskRefusedException(
                    TaskRefusedException.Kind.BAD_INPUT,
                    "member",
                    "'" + member + "' is not an engineer of this team; engineers: "
                            + String.join(", ", roster.engineerNames()));
        }
        ProcessInstance instance = runningInstance(taskId);
        Object claimedBy = runtime.getVariable(instance.getId(), ProcessVariables.MEMBER);
        // A task waiting to be taken up again after an escalation still names its previous engineer.
        boolean waitsForAnEngineer =
                TaskStatus.TODO.is(String.valueOf(runtime.getVariable(instance.getId(), ProcessVariables.STATUS)));
        if (claimedBy != null && !waitsForAnEngineer) {
            throw new TaskRefusedException(
                    TaskRefusedException.Kind.CONFLICT,
                    "task",
                    "task " + taskId + " is already claimed by " + claimedBy);
        }
        Object manager = runtime.getVariable(instance.getId(), ProcessVariables.MANAGER);
        if (manager != null && !managers.mayClaim(member, manager.toString())) {
            throw new TaskRefusedException(
                    TaskRefusedException.Kind.CONFLICT,
                    "member",
                    "task " + taskId + " is for the engineers of " + manager + ", and " + member + " reports to "
                            + Objects.requireNonNullElse(managers.reportsTo(member), "nobody"));
        }
        // Under the claim lease: a claim either happened before (seen above) or will honour this.
        runtime.setVariable(instance.getId(), ProcessVariables.ASSIGNED_TO, member);
    }
}
