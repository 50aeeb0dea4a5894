package dev.bosun.process;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.agent.TurnSupervisor;

/**
 * Task_SuperviseTurn: once per stall timeout while the code turn runs, on the node that runs it,
 * asks {@link TurnSupervisor} whether the turn shows life, and nudges, restarts or gives it up.
 * Gateway_TurnAlive shows which ({@code stallAction}); a turn given up ends its code turn in
 * BoundaryEvent_AgentCannotWork, as stalled.
 */
@Component
class SuperviseTurnWorker implements TopicWorker {

    private final TurnSupervisor supervisor;
    private final StallChecks checks;

    SuperviseTurnWorker(TurnSupervisor supervisor, StallChecks checks) {
        this.supervisor = supervisor;
        this.checks = checks;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_SUPERVISE_TURN;
    }

    @Override
    public boolean onTheTurnsNode() {
        return true;
    }

    @Override
    public WorkResult work(WorkItem item) {
        int restarts = item.integerOr(ProcessVariables.STALL_RESTARTS, 0);
        TurnSupervisor.Action action = supervisor.check(
                item.string(ProcessVariables.MEMBER),
                item.string(ProcessVariables.TASK_ID),
                restarts,
                checks.maxRestarts());
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.STALL_ACTION, action.wireName());
        if (action == TurnSupervisor.Action.RESTARTED) {
            variables.put(ProcessVariables.STALL_RESTARTS, restarts + 1);
        }
        return WorkResult.complete(variables);
    }
}
