package dev.bosun.team;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a role does in the team; {@link #yamlName()} is how {@code role_type} spells it. */
public enum RoleType {
    USER,
    ARCHITECT,
    MANAGER,
    ENGINEER;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<RoleType> fromYaml(String text) {
        return Arrays.stream(values()).filter(t -> t.yamlName().equals(text)).findFirst();
    }

    /** The default chain of command, both directions: user–architect, architect–manager, manager–engineer. */
    boolean adjacentTo(RoleType other) {
        return Math.abs(ordinal() - other.ordinal()) == 1;
    }

    static String allowed() {
        return Arrays.stream(values()).map(RoleType::yamlName).collect(Collectors.joining(", "));
    }
}
