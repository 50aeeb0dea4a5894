package dev.bosun.usage;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.bosun.agent.TurnRecord;

/**
 * The turns the {@link dev.bosun.agent.TurnLedger} recorded, read back: a task's turns and what
 * tasks, members and the whole team spent.
 *
 * <p>Contract: thread-safe; reads committed rows; never null.
 */
public interface TurnHistory {

    /** The task's turns, oldest first; empty for a task without any (or an unknown one). */
    List<TurnRecord> ofTask(String taskId);

    /** What the task's turns cost. */
    UsageTotals totalOfTask(String taskId);

    /** What the turns of these tasks cost together (a plan's tasks); {@link UsageTotals#NONE} for none. */
    UsageTotals totalOfTasks(Collection<String> taskIds);

    /** Per task that had a turn, by task id. */
    Map<String, UsageTotals> perTask();

    /** Per member that took a turn, turns without a task included, by member name in name order. */
    Map<String, UsageTotals> perMember();

    /** Every turn recorded. */
    UsageTotals overall();
}
