package dev.bosun.process;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a human decides on a plan's human task, the {@code planDecision} variable: on "Approve plan"
 * approve or reject (with guidance for a new planning turn); on "Plan needs a human" replan (with
 * guidance) or fail.
 */
public enum PlanDecision {
    APPROVE("approve", true),
    REJECT("reject", true),
    REPLAN("replan", false),
    FAIL("fail", false);

    private final String wireName;
    private final boolean approval;

    PlanDecision(String wireName, boolean approval) {
        this.wireName = wireName;
        this.approval = approval;
    }

    public String wireName() {
        return wireName;
    }

    /** A decision of "Approve plan" (else of "Plan needs a human"). */
    public boolean approval() {
        return approval;
    }

    public static Optional<PlanDecision> find(String wireName) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(wireName)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(PlanDecision::wireName).toList();
    }

    /** The decisions one human task offers. */
    public static List<String> wireNames(boolean approval) {
        return Arrays.stream(values())
                .filter(d -> d.approval == approval)
                .map(PlanDecision::wireName)
                .toList();
    }
}
