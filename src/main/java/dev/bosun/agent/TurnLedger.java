package dev.bosun.agent;

import java.util.List;

/**
 * Where every finished agent turn is written down with what it cost ({@link TurnRecord}):
 * {@link MemberAgents} calls it once per turn that ended with a {@link TurnResult}, whatever its
 * kind (code, review, planning, message). Implemented outside this area (the usage area's table),
 * so the agent area does not know where the record goes.
 *
 * <p>Contract: thread-safe; called on the turn's own thread after the turn ended, outside any
 * engine transaction. A failure throws; the caller logs it and the turn goes on as if recorded.
 */
public interface TurnLedger {

    void record(TurnRecord turn);

    /** Records nothing: for an agent area used without a database (tests, the script agent alone). */
    TurnLedger NONE = turn -> {};

    /**
     * Each of {@code ledgers} in turn (the usage area's table, the metrics); every one is told even
     * when an earlier one failed, and the first failure is thrown afterwards.
     */
    static TurnLedger all(List<TurnLedger> ledgers) {
        List<TurnLedger> copy = java.util.List.copyOf(ledgers);
        return turn -> {
            RuntimeException first = null;
            for (TurnLedger ledger : copy) {
                try {
                    ledger.record(turn);
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
