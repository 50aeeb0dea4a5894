package dev.bosun.agent;

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
}
