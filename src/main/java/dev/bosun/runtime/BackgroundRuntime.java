package dev.bosun.runtime;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * Background work of this node as a Spring {@link SmartLifecycle}: started once the application
 * accepts traffic, and only when enabled ({@code bosun.worker.enabled}); stopped by Spring in its
 * phase ({@link RuntimePhases}), before any bean is destroyed. Started once: a stopped runtime
 * does not start again.
 *
 * <p>Not started with the context: Spring Boot publishes the readiness {@code ACCEPTING_TRAFFIC}
 * right after every listener of {@code ApplicationReadyEvent} has returned, and the engine's job
 * executor is started by one of those; the runners have run before that too.
 */
public abstract class BackgroundRuntime implements SmartLifecycle {

    private final int phase;
    private final boolean enabled;
    private boolean started;
    private volatile boolean running;

    /**
     * @param phase   its phase, from {@link RuntimePhases}
     * @param enabled false: never started
     */
    protected BackgroundRuntime(int phase, boolean enabled) {
        this.phase = phase;
        this.enabled = enabled;
    }

    /** Starts the work's threads; called once. */
    protected abstract void startWork();

    /** Stops the work's threads and waits a little for them; called once, only after {@link #startWork()}. */
    protected abstract void stopWork();

    @EventListener
    public void ready(AvailabilityChangeEvent<ReadinessState> readiness) {
        if (enabled && readiness.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            start();
        }
    }

    @Override
    public final synchronized void start() {
        if (!started) {
            started = true;
            running = true;
            startWork();
        }
    }

    @Override
    public final synchronized void stop() {
        if (running) {
            running = false;
            stopWork();
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    /** Started by {@link #ready}, not with the context. */
    @Override
    public final boolean isAutoStartup() {
        return false;
    }

    @Override
    public final int getPhase() {
        return phase;
    }
}
