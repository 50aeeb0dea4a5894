package dev.bosun.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import dev.bosun.process.EngineCheck;

/**
 * UP when the process engine answers a query on its database: the engine bean existing says
 * nothing about whether it can work (Camunda's own indicator only reports its name).
 */
final class EngineHealth implements HealthIndicator {

    private final EngineCheck engine;

    EngineHealth(EngineCheck engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        try {
            EngineCheck.Answer answer = engine.ask();
            return Health.up()
                    .withDetail("processDefinitions", answer.processDefinitions())
                    .withDetail("runningTasks", answer.runningTasks())
                    .build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
