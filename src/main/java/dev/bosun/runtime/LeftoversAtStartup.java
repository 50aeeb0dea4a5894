package dev.bosun.runtime;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.events.BosunEvent;
import dev.bosun.events.EventLog;
import dev.bosun.security.LeftoverProcesses;

/**
 * Ends, once at start-up, every process that turns and test runs of a dead server left running
 * on this repository ({@link LeftoverProcesses}), logs it and writes a {@code leftovers_stopped}
 * event with their pids. It runs when every bean exists and before the context starts anything:
 * the web server, and with it the {@link BackgroundRuntime}s that fetch work, start later, so no
 * turn runs again while the old agent still works in its worktree.
 *
 * <p>On every node, workers or not: a node restarted without workers must still end what it left.
 */
@Component
class LeftoversAtStartup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LeftoversAtStartup.class);
    /** How long the leftovers may take to die; SIGTERM's grace is part of it. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BosunProperties properties;
    private final EventLog events;

    LeftoversAtStartup(BosunProperties properties, EventLog events) {
        this.properties = properties;
        this.events = events;
    }

    @Override
    public void afterSingletonsInstantiated() {
        LeftoverProcesses.Stopped stopped = new LeftoverProcesses(properties.bosunDir()).stop(PATIENCE);
        if (stopped.pids().isEmpty()) {
            return;
        }
        String reason = "a Bosun server that is gone left " + stopped.pids().size()
                + " processes of its turns and test runs running";
        if (stopped.surviving().isEmpty()) {
            log.warn("{}; stopped them before any work starts: pids {}", reason, stopped.pids());
        } else {
            log.error(
                    "{}; told them to stop, but {} still run after {}: end them by hand (kill -9)",
                    reason,
                    stopped.surviving(),
                    PATIENCE);
        }
        events.append(BosunEvent.of("leftovers_stopped", null)
                .reason(reason)
                .detail("pids", stopped.pids())
                .detail("surviving", stopped.surviving().isEmpty() ? null : stopped.surviving()));
    }
}
