package dev.bosun.process;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gateway_StartVariables and EndEvent_MissingVariables of both processes: a lifecycle or plan
 * started without the variables Bosun starts it with (from Tasklist, {@code /engine-rest} or
 * Modeler's "start instance") would wait for an engineer it cannot brief, or fail in a worker as
 * an incident. It ends at once instead; this listener says why, in {@code failureReason} and as a
 * warning in the server log, naming the missing variables and how to start one properly.
 */
@Component("missingStartVariables")
public class MissingStartVariables implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(MissingStartVariables.class);

    /** What {@link CamundaTaskLifecycle} and {@link CamundaPlans} always set, by process id. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            ProcessIds.TASK_LIFECYCLE,
            List.of(
                    ProcessVariables.TASK_ID,
                    ProcessVariables.TITLE,
                    ProcessVariables.BODY,
                    ProcessVariables.PROMPT,
                    ProcessVariables.PRIORITY_VALUE,
                    ProcessVariables.ATTEMPT,
                    ProcessVariables.RETRIES,
                    ProcessVariables.MAX_RETRIES),
            ProcessIds.PLAN,
            List.of(
                    PlanVariables.PLAN_ID,
                    PlanVariables.TITLE,
                    PlanVariables.GOAL,
                    PlanVariables.ARCHITECT,
                    PlanVariables.APPROVAL,
                    PlanVariables.FIXES,
                    PlanVariables.MAX_FIXES,
                    PlanVariables.REPLANS,
                    PlanVariables.MAX_REPLANS));

    private static final Map<String, String> HOW_TO_START = Map.of(
            ProcessIds.TASK_LIFECYCLE, "add a task with 'bosun task add' or POST /api/tasks",
            ProcessIds.PLAN, "start a plan with 'bosun plan' or POST /api/plans");

    /** The gateway's condition: every variable Bosun starts this process with is there. */
    public boolean noneIn(DelegateExecution execution) {
        return missing(execution).isEmpty();
    }

    /**
     * For the audit events of a start: an instance Bosun did not start is no task or plan, so its
     * start is no {@code task_created} or {@code plan_created}.
     */
    static boolean startedByBosun(String process, TaskVariables variables) {
        return REQUIRED.getOrDefault(process, List.of()).stream().allMatch(name -> variables.value(name) != null);
    }

    @Override
    public void notify(DelegateExecution execution) {
        String process = processId(execution);
        String reason = "Not started by Bosun: the variables " + String.join(", ", missing(execution))
                + " are missing, so this " + process + " instance ended at once; "
                + HOW_TO_START.getOrDefault(process, "start it through Bosun") + ".";
        execution.setVariable(ProcessVariables.FAILURE_REASON, reason);
        log.warn(
                "{} (instance {}, business key {})",
                reason,
                execution.getProcessInstanceId(),
                execution.getProcessBusinessKey());
    }

    private static List<String> missing(DelegateExecution execution) {
        return REQUIRED.getOrDefault(processId(execution), List.of()).stream()
                .filter(name -> execution.getVariable(name) == null)
                .toList();
    }

    private static String processId(DelegateExecution execution) {
        // a process definition id is key:version:id
        String definition = execution.getProcessDefinitionId();
        int colon = definition.indexOf(':');
        return colon < 0 ? definition : definition.substring(0, colon);
    }
}
