package dev.bosun.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.bosun.events.BosunEvent;
import dev.bosun.events.EventLog;

/**
 * What to do about a running turn that may have stalled, checked once per stall timeout (the
 * lifecycle's stall timer): a turn that showed life (output or CPU) within the stall timeout is
 * working; one that did not is first nudged (a message typed into its terminal), at the next check
 * still silent it is restarted (killed and run again, resuming its conversation where the CLI
 * can), and once the restarts are used up it is given up as stalled, which escalates the task.
 *
 * <p>The nudge is typed into a terminal that echoes it, so the echo is not taken for an answer:
 * only life later than {@link #ECHO_GRACE} after the nudge counts.
 *
 * <p>Thread-safe; the state of one turn lives in its {@link TurnControl}, so a restarted turn starts
 * with a clean slate and only the count of restarts carries over (the caller keeps it).
 */
public final class TurnSupervisor {

    /** What a check did. */
    public enum Action {
        /** The turn showed life within the stall timeout. */
        WORKING,
        /** Silent for the stall timeout: a message was typed into its terminal. */
        NUDGED,
        /** Still silent after the nudge: killed, to run again. */
        RESTARTED,
        /** Still silent after every restart: killed for good. */
        STALLED,
        /** The turn does not run on this node (it ended meanwhile): nothing to do. */
        NOT_HERE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    static final Duration ECHO_GRACE = Duration.ofSeconds(2);

    public static final String NUDGE_TEXT =
            "Bosun: no output from you for a while. If you are stuck, say in one line what"
                    + " blocks you; otherwise carry on with the task and commit your work.";

    private final MemberActivity activity;
    private final EventLog events;
    private final Duration stallTimeout;
    private final Clock clock;

    public TurnSupervisor(MemberActivity activity, EventLog events, Duration stallTimeout, Clock clock) {
        this.activity = Objects.requireNonNull(activity, "activity");
        this.events = Objects.requireNonNull(events, "events");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Duration stallTimeout() {
        return stallTimeout;
    }

    /**
     * @param restartsSoFar how often this code turn was restarted already
     * @param maxRestarts   how often it may be
     */
    public Action check(String member, String task, int restartsSoFar, int maxRestarts) {
        TurnControl control = activity.control(member, task).orElse(null);
        if (control == null) {
            return Action.NOT_HERE;
        }
        Instant now = clock.instant();
        Instant life = control.lastSignOfLife();
        Instant nudged = control.nudgedAt();
        if (nudged != null && life.isBefore(nudged.plus(ECHO_GRACE))) {
            life = control.lifeBeforeNudge();
        }
        Duration quiet = Duration.between(life, now);
        if (quiet.compareTo(stallTimeout) < 0) {
            control.clearNudge();
            return Action.WORKING;
        }
        String silence =
                "no output and no CPU use for " + quiet.toSeconds() + " s (stall_timeout " + stallTimeout + ")";
        if (nudged == null) {
            control.nudged(now, life);
            control.type(NUDGE_TEXT);
            events.append(BosunEvent.of("member_nudged", task).member(member).reason(silence));
            return Action.NUDGED;
        }
        if (restartsSoFar < maxRestarts) {
            events.append(BosunEvent.of("turn_restarted", task)
                    .member(member)
                    .reason(silence + "; nudged, restart " + (restartsSoFar + 1) + " of " + maxRestarts));
            control.cut(TurnControl.Cut.RESTART);
            return Action.RESTARTED;
        }
        events.append(BosunEvent.of("turn_stalled", task)
                .member(member)
                .reason(silence + "; nudged and restarted " + restartsSoFar + " times"));
        control.cut(TurnControl.Cut.GIVE_UP);
        return Action.STALLED;
    }
}
