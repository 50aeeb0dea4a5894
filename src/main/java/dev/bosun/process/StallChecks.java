package dev.bosun.process;

import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;

/**
 * {@code ${stallChecks.cycle()}}: the cycle of {@code BoundaryEvent_StallCheck}, once per stall
 * timeout for as long as the code turn runs. From the settings rather than a process variable, so a
 * changed {@code stall_timeout} applies to tasks that were already running.
 */
@Component("stallChecks")
public class StallChecks {

    private final BosunProperties properties;

    StallChecks(BosunProperties properties) {
        this.properties = properties;
    }

    /** An ISO 8601 repeating interval without end, e.g. {@code R/PT5M}. */
    public String cycle() {
        return "R/" + properties.stallTimeout();
    }

    int maxRestarts() {
        return properties.agent().stallRestarts();
    }
}
