package dev.bosun.team;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The agent CLIs a role can run; {@link #yamlName()} is how {@code team.yaml} spells them. */
public enum AgentKind {
    CLAUDE,
    CODEX,
    GEMINI,
    OPENCODE,
    AIDER,
    SCRIPT,
    COMMAND;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<AgentKind> fromYaml(String text) {
        return Arrays.stream(values()).filter(k -> k.yamlName().equals(text)).findFirst();
    }

    /** Every yaml name, comma-separated, for error messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(AgentKind::yamlName).collect(Collectors.joining(", "));
    }
}
