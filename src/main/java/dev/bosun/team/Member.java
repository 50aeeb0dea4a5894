package dev.bosun.team;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One running agent of the team, such as {@code eng-1-2}.
 *
 * @param reportsTo the member this one reports to, or null for the top of the tree
 */
public record Member(String name, Role role, @Nullable String reportsTo) {

    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
