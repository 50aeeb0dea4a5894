package dev.bosun.process;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a plan stands. The listeners of processes/plan.bpmn set the {@code planStatus} variable to
 * a {@link #wireName()} (PlanningStartedListener sets planning or replanning);
 * {@code ProcessFilesVocabularyTest} checks the process file against this list. {@link #CANCELLED}
 * is derived by the read model from the engine's history (the plan's instance was deleted), like a
 * task's.
 */
public enum PlanStatus {
    PLANNING("planning"),
    AWAITING_APPROVAL("awaiting-approval"),
    RUNNING("running"),
    REPLANNING("replanning"),
    ESCALATED("escalated"),
    DONE("done"),
    FAILED("failed"),
    CANCELLED("cancelled", false);

    private final String wireName;
    private final boolean setByTheProcess;

    PlanStatus(String wireName) {
        this(wireName, true);
    }

    PlanStatus(String wireName, boolean setByTheProcess) {
        this.wireName = wireName;
        this.setByTheProcess = setByTheProcess;
    }

    public String wireName() {
        return wireName;
    }

    /** Done, failed or cancelled: nothing more happens to the plan. */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public boolean is(String wireName) {
        return this.wireName.equals(wireName);
    }

    public static Optional<PlanStatus> find(String wireName) {
        return Arrays.stream(values()).filter(s -> s.is(wireName)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(PlanStatus::wireName).toList();
    }

    public static List<PlanStatus> setByTheProcess() {
        return Arrays.stream(values()).filter(s -> s.setByTheProcess).toList();
    }
}
