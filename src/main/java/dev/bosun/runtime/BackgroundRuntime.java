package dev.bosun.runtime;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
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
 *
 * <p>A stop comes in two halves. When the context starts closing ({@link ContextClosedEvent}),
 * {@link #finishWork()} lets the work under way end: the web server (which agents call) and the
 * engine (which records results) still serve then. Waiting in the lifecycle's stop instead would
 * be too late: the web server is a lifecycle of a higher phase and is stopped first. Then, in the
 * phase, {@link #stopWork()} interrupts what is left. Both run on the closing thread and return
 * when done, so {@code spring.lifecycle.timeout-per-shutdown-phase} (which bounds only stops that
 * complete asynchronously) never cuts them short.
 */
public abstract class BackgroundRuntime implements SmartLifecycle, ApplicationContextAware {

    private final int phase;
    private final boolean enabled;
    private boolean started;
    private volatile boolean running;
    private ApplicationContext context;

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

    /**
     * Starts no new work and waits, within the work's own limit, for what runs to end; called at
     * most once, when the context starts closing, before {@link #stopWork()}. Does nothing unless
     * overridden.
     */
    protected void finishWork() {}

    @Override
    public final void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    /** Only this runtime's own context closing: a child context's event reaches this listener too. */
    @EventListener
    public void closing(ContextClosedEvent closed) {
        if (running && closed.getApplicationContext() == context) {
            finishWork();
        }
    }

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
