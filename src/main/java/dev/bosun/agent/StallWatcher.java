package dev.bosun.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bosun.events.BosunEvent;
import dev.bosun.events.EventLog;
import dev.bosun.runtime.PlatformThreads;

/**
 * Reports {@code member_stalled} once per turn when a running turn showed no life (terminal output,
 * CPU use; see {@link TurnControl#lastSignOfLife()}) for the stall timeout, for every kind of turn.
 * It only reports, and {@code bosun status} shows the member as stalled while it stays quiet; what
 * is done about a silent code turn (a nudge, a restart, giving up) is the lifecycle's stall check,
 * {@link TurnSupervisor}.
 */
public final class StallWatcher {

    private static final Logger log = LoggerFactory.getLogger(StallWatcher.class);

    private final MemberActivity activity;
    private final EventLog events;
    private final Duration stallTimeout;
    private final Clock clock;
    /** member → start of the turn already reported, so one quiet turn gives one event. */
    private final Map<String, Instant> reported = new HashMap<>();

    private ScheduledExecutorService scheduler;

    public StallWatcher(MemberActivity activity, EventLog events, Duration stallTimeout, Clock clock) {
        this.activity = activity;
        this.events = events;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("bosun-stall-watch", true));
        long period = Math.max(200, Math.min(5_000, stallTimeout.toMillis() / 4));
        scheduler.scheduleWithFixedDelay(this::safeCheck, period, period, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void safeCheck() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("stall check failed: {}", e.getMessage());
        }
    }

    /** One round: report every newly stalled turn. */
    synchronized void check() {
        Instant now = clock.instant();
        reported.keySet().retainAll(activity.membersInTurn());
        for (String member : activity.membersInTurn()) {
            activity.turn(member).ifPresent(turn -> {
                if (turn.stalled(now, stallTimeout) && !turn.startedAt().equals(reported.get(member))) {
                    reported.put(member, turn.startedAt());
                    events.append(BosunEvent.of("member_stalled", turn.task())
                            .member(member)
                            .reason("no output and no CPU use for "
                                    + Duration.between(turn.lastSignOfLife(), now)
                                            .toSeconds() + " s (stall_timeout "
                                    + stallTimeout + ")")
                            .detail("lastOutput", turn.lastSignOfLife().toString()));
                    log.warn("{} stalled: no output since {}", member, turn.lastSignOfLife());
                }
            });
        }
    }
}
