package dev.bosun.security;

import java.util.Objects;

import dev.bosun.team.Team;

/**
 * Who sent a request, as {@link RequestGuard} established it from its credential; controllers
 * read it from the request attribute {@link #ATTRIBUTE} and take the sender of a message and
 * the creator of a task from it, never from the body.
 *
 * @param name the member for an agent, the admin user's id for the admin, {@code human} for the person
 */
public record Caller(Kind kind, String name) {

    public static final String ATTRIBUTE = "dev.bosun.security.Caller";

    public enum Kind {
        /** The person who runs Bosun (the API token): may do everything. */
        PERSON,
        /** Camunda's admin user (HTTP Basic on {@code /engine-rest}). */
        ADMIN,
        /** An agent's token: adds tasks, sends messages as itself, reads what concerns it. */
        AGENT
    }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Caller person() {
        return new Caller(Kind.PERSON, Team.HUMAN);
    }

    public static Caller agent(String member) {
        return new Caller(Kind.AGENT, member);
    }

    public static Caller admin(String userId) {
        return new Caller(Kind.ADMIN, userId);
    }

    public boolean isAgent() {
        return kind == Kind.AGENT;
    }

    /** Who a message or task of this caller is from: its member name for an agent, {@code human} otherwise. */
    public String actor() {
        return isAgent() ? name : Team.HUMAN;
    }
}
