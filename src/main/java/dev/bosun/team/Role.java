package dev.bosun.team;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One role of {@code team.yaml}, with defaults already applied.
 *
 * @param agent the role's own agent kind, or the team's when the role sets none; never null
 * @param model null when the file names none
 * @param prompt the resolved prompt file under {@code prompts/}, or null when the role has none
 * @param talksTo role names, in file order; empty means "the defaults by role type"
 * @param env in file order, unmodifiable
 * @param command the role's own argv template for agent kind {@code command} ({@code command} in
 *                team.yaml, placeholders checked by {@link CommandTemplate}); empty when the role sets
 *                none, and then its members run the server's {@code bosun.agent.command}
 */
public record Role(
        String name,
        RoleType type,
        AgentKind agent,
        @Nullable String model,
        int instances,
        @Nullable Path prompt,
        List<String> talksTo,
        boolean useWorktrees,
        Map<String, String> env,
        List<String> command) {

    public Role {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(agent, "agent");
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be >= 1, got " + instances);
        }
        talksTo = List.copyOf(talksTo == null ? List.of() : talksTo);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
        command = List.copyOf(command == null ? List.of() : command);
    }

    /** A role without a {@code command} of its own. */
    public Role(
            String name,
            RoleType type,
            AgentKind agent,
            @Nullable String model,
            int instances,
            @Nullable Path prompt,
            List<String> talksTo,
            boolean useWorktrees,
            Map<String, String> env) {
        this(name, type, agent, model, instances, prompt, talksTo, useWorktrees, env, List.of());
    }
}
