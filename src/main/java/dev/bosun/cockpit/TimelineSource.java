package dev.bosun.cockpit;

import java.util.List;

/**
 * One kind of entry of a timeline (steps, turns, test runs, decisions, the merge), read from
 * wherever that kind is recorded. A new kind of record is one more implementation.
 *
 * <p>Contract: reads committed data only; never null; an instance without such entries gives an
 * empty list; called on a request thread, possibly for several instances at once.
 */
public interface TimelineSource {

    List<TimelineEntry> entriesOf(FinishedInstance instance);
}
