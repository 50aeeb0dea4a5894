package dev.bosun.process;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.bosun.plan.HeldTask;
import dev.bosun.plan.HeldTasks;
import dev.bosun.plan.PlanCheck;

/**
 * Task_ValidatePlan: checks the tasks the turn held ({@link PlanCheck}) and sets the verdict the
 * gateway reads: valid, invalid (counted in fixes), or gave-up for a replanning turn that added
 * nothing.
 */
@Component("validatePlan")
class ValidatePlanDelegate implements JavaDelegate {

    private final HeldTasks held;
    private final PlanDependencies dependencies;

    ValidatePlanDelegate(HeldTasks held, PlanDependencies dependencies) {
        this.held = held;
        this.dependencies = dependencies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskVariables plan = TaskVariables.of(execution);
        String planId = plan.string(PlanVariables.PLAN_ID);
        List<HeldTask> tasks = held.of(planId);
        if (tasks.isEmpty() && PlanRounds.status(plan) == PlanStatus.REPLANNING) {
            verdict(execution, PlanVariables.VERDICT_GAVE_UP, null);
            execution.setVariable(
                    PlanVariables.ESCALATION_REASON,
                    TextValues.store("the architect added no task when replanning, so it gave up; what failed:\n"
                            + plan.textOr(PlanVariables.FAILURES, "(nothing recorded)")));
            return;
        }
        List<String> problems = PlanCheck.problems(planId, tasks, id -> dependencies.of(planId, id));
        if (problems.isEmpty()) {
            verdict(execution, PlanVariables.VERDICT_VALID, null);
            execution.setVariable(PlanVariables.FIXES, 0);
            execution.setVariable(PlanVariables.PLAN_TASKS, TextValues.store(listing(tasks)));
            return;
        }
        int fixes = plan.integer(PlanVariables.FIXES) + 1;
        String text = String.join("\n", problems);
        verdict(execution, PlanVariables.VERDICT_INVALID, text);
        execution.setVariable(PlanVariables.FIXES, fixes);
        execution.setVariable(
                PlanVariables.ESCALATION_REASON,
                TextValues.store("the plan was refused " + fixes + (fixes == 1 ? " time" : " times")
                        + "; the last problems:\n" + text));
    }

    private static void verdict(DelegateExecution execution, String verdict, String problems) {
        execution.setVariable(PlanVariables.PLAN_VERDICT, verdict);
        execution.setVariable(PlanVariables.PLAN_PROBLEMS, problems == null ? null : TextValues.store(problems));
    }

    private static String listing(List<HeldTask> tasks) {
        return tasks.stream()
                .map(t -> "- task " + t.taskId() + ": " + t.title()
                        + (t.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", t.dependsOn()) + ")"))
                .collect(Collectors.joining("\n"));
    }
}
