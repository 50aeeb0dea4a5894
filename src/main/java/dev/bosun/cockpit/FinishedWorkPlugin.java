package dev.bosun.cockpit;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Cockpit's plugin "Finished work", found by Cockpit through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}. Its page is
 * {@code plugin-webapp/bosun-finished-work/app/plugin.js} (served by Cockpit at
 * {@code /camunda/api/cockpit/plugin/bosun-finished-work/static/app/plugin.js}), its data
 * {@link FinishedWorkResource}. Camunda 7 Community Edition's Cockpit shows running instances only;
 * this is the audit of finished ones.
 */
public class FinishedWorkPlugin extends AbstractCockpitPlugin {

    public static final String ID = "bosun-finished-work";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(FinishedWorkResource.class);
    }
}
