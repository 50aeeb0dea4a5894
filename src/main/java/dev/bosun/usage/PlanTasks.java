package dev.bosun.usage;

import java.util.List;

/**
 * The tasks a plan started, for the plan's budget: implemented where plans are read (the board's
 * read model), so this area needs neither the engine nor the board.
 *
 * <p>Contract: thread-safe; reads committed state.
 */
public interface PlanTasks {

    /** The ids of the tasks the plan started; empty for an unknown plan. */
    List<String> of(String planId);
}
