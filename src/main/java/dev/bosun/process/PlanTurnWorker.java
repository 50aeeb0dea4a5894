package dev.bosun.process;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberBriefing;
import dev.bosun.agent.PlanPrompts;
import dev.bosun.plan.HeldTasks;
import dev.bosun.workspace.Worktrees;

/**
 * Task_PlanningTurn: one turn of the plan's architect in its own worktree, with the goal and what
 * the last round left. Held tasks of the plan are dropped first: a turn repeated after a crash
 * writes the plan again instead of adding it twice. Two plans' turns of one architect run one after
 * the other on this node: they would share its worktree and terminal.
 */
@Component
class PlanTurnWorker implements TopicWorker {

    private final HeldTasks held;
    private final Worktrees worktrees;
    private final AgentTurn agent;
    private final MemberBriefing briefing;
    private final TaskStatuses tasks;
    private final Map<String, ReentrantLock> architects = new ConcurrentHashMap<>();

    PlanTurnWorker(HeldTasks held, Worktrees worktrees, AgentTurn agent, MemberBriefing briefing, TaskStatuses tasks) {
        this.held = held;
        this.worktrees = worktrees;
        this.agent = agent;
        this.briefing = briefing;
        this.tasks = tasks;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_PLAN_TURN;
    }

    @Override
    public WorkResult work(WorkItem item) throws InterruptedException {
        TaskVariables v = TaskVariables.of(item.variables(), "Task_PlanningTurn");
        String planId = v.string(PlanVariables.PLAN_ID);
        String architect = v.string(PlanVariables.ARCHITECT);
        held.discard(planId);
        boolean replanning = !v.list(PlanVariables.STARTED_TASKS).isEmpty();
        String prompt = PlanPrompts.planningTurn(
                planId,
                v.string(PlanVariables.TITLE),
                v.string(PlanVariables.GOAL),
                v.text(PlanVariables.PLAN_PROBLEMS),
                v.text(PlanVariables.GUIDANCE),
                replanning ? v.text(PlanVariables.FAILURES) : null,
                replanning ? merged(planId) : null);
        // Counted when the turn ends: a turn repeated after a crash keeps its number.
        int turn = v.integerOr(PlanVariables.PLAN_TURNS, 0) + 1;
        ReentrantLock alone = architects.computeIfAbsent(architect, name -> new ReentrantLock());
        alone.lockInterruptibly();
        try {
            Path worktree = worktrees.prepareWithoutTask(architect);
            agent.run(briefing.planTurn(architect, planId, turn, worktree, prompt));
        } finally {
            alone.unlock();
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(PlanVariables.PLAN_TURNS, turn);
        variables.put(PlanVariables.GUIDANCE, null); // used: the next turn must not get it again
        return WorkResult.complete(variables);
    }

    private String merged(String planId) {
        return tasks.ofPlan(planId).stream()
                .filter(t -> TaskStatus.MERGED.is(t.status()))
                .map(t -> "- task " + t.id() + ": " + t.title())
                .collect(Collectors.joining("\n"));
    }
}
