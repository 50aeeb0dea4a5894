package dev.bosun.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.bosun.events.BosunEvent;
import dev.bosun.events.TaskLifecycleEvent;

/**
 * Turns lifecycle steps (published by Camunda's Spring eventing) into {@link TaskLifecycleEvent}s,
 * published inside the engine's transaction; the audit log and the board listen and act once it
 * commits.
 */
@Component
class LifecycleEventPublisher {

    private final ApplicationEventPublisher publisher;

    LifecycleEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventListener
    void on(DelegateExecution execution) {
        String key = definitionKey(execution);
        BosunEvent event = ProcessIds.TASK_LIFECYCLE.equals(key)
                ? LifecycleEvents.of(execution)
                : ProcessIds.PLAN.equals(key) ? PlanEvents.of(execution) : null;
        if (event != null) {
            publisher.publishEvent(new TaskLifecycleEvent(event));
        }
    }

    private static String definitionKey(DelegateExecution execution) {
        String definitionId = execution.getProcessDefinitionId();
        return definitionId == null ? null : definitionId.substring(0, definitionId.indexOf(':'));
    }
}
