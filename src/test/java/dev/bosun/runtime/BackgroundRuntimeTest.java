package dev.bosun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.DefaultEventListenerFactory;
import org.springframework.context.event.EventListenerMethodProcessor;
import org.springframework.context.support.GenericApplicationContext;

/** The lifecycle Spring gives the node's background work: started when ready, stopped by phase. */
class BackgroundRuntimeTest {

    final List<String> steps = new CopyOnWriteArrayList<>();

    @Test
    void startsOnlyOnceTheApplicationAcceptsTrafficAndStopsMessageDeliveryBeforeTheTaskWorkers() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(
                    "workers",
                    Recording.class,
                    () -> new Recording("workers", RuntimePhases.TASK_WORKERS, true, steps));
            context.registerBean(
                    "delivery",
                    Recording.class,
                    () -> new Recording("delivery", RuntimePhases.MESSAGE_DELIVERY, true, steps));
            context.registerBean(EventListenerMethodProcessor.class);
            context.registerBean(DefaultEventListenerFactory.class);
            context.refresh();
            assertThat(steps).as("not with the context").isEmpty();

            ready(context);
            assertThat(steps).containsExactlyInAnyOrder("workers started", "delivery started");
            steps.clear();
        }
        assertThat(steps).containsExactly("delivery stopped", "workers stopped");
    }

    @Test
    void aDisabledRuntimeNeverStartsAndIsNotStoppedEither() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(
                    "workers",
                    Recording.class,
                    () -> new Recording("workers", RuntimePhases.TASK_WORKERS, false, steps));
            context.registerBean(EventListenerMethodProcessor.class);
            context.registerBean(DefaultEventListenerFactory.class);
            context.refresh();
            ready(context);
        }
        assertThat(steps).isEmpty();
    }

    @Test
    void aStoppedRuntimeDoesNotStartAgain() {
        Recording runtime = new Recording("workers", RuntimePhases.TASK_WORKERS, true, steps);

        runtime.start();
        runtime.stop();
        runtime.start();
        runtime.stop();

        assertThat(steps).containsExactly("workers started", "workers stopped");
        assertThat(runtime.isRunning()).isFalse();
    }

    /** What Spring Boot publishes right after the listeners of ApplicationReadyEvent have run. */
    private static void ready(GenericApplicationContext context) {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    static final class Recording extends BackgroundRuntime {
        private final String name;
        private final List<String> steps;

        Recording(String name, int phase, boolean enabled, List<String> steps) {
            super(phase, enabled);
            this.name = name;
            this.steps = steps;
        }

        @Override
        protected void startWork() {
            steps.add(name + " started");
        }

        @Override
        protected void stopWork() {
            steps.add(name + " stopped");
        }
    }
}
