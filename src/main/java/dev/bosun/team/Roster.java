package dev.bosun.team;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The members a running Bosun drives: those of {@code .bosun/team.yaml}, or, for a repository
 * without one, {@code eng-1} .. {@code eng-N} of one implicit engineer role (the server's
 * {@code bosun.engineers}), so the demo and scripts work without a team file.
 */
public record Roster(Team team, List<Member> members) {

    /** The implicit role of a repository without {@code team.yaml}. */
    public static final String IMPLICIT_ENGINEER_ROLE = "engineer";

    public Roster {
        members = List.copyOf(members);
    }

    public static Roster of(Team team) {
        return new Roster(team, team.members());
    }

    /** {@code eng-1} .. {@code eng-count}, all running {@code agent}, reporting to nobody. */
    public static Roster implicitEngineers(
            int count,
            AgentKind agent,
            List<String> testCommand,
            Duration testTimeout,
            int maxRetries,
            Duration mergeLockTimeout,
            Duration stallTimeout,
            String trunk) {
        Role engineer = new Role(
                IMPLICIT_ENGINEER_ROLE, RoleType.ENGINEER, agent, null, count, null, List.of(), true, Map.of());
        Team team = new Team(
                "default",
                trunk,
                agent,
                testCommand,
                testTimeout,
                maxRetries,
                mergeLockTimeout,
                stallTimeout,
                // no architect, so no plans: the plan settings are inert here
                TeamFile.DEFAULT_PLAN_APPROVAL,
                TeamFile.DEFAULT_MAX_REPLANS,
                List.of(),
                Budget.NONE,
                List.of(engineer));
        return new Roster(
                team,
                IntStream.rangeClosed(1, count)
                        .mapToObj(i -> new Member("eng-" + i, engineer, null))
                        .toList());
    }

    public List<Member> engineers() {
        return members.stream()
                .filter(m -> m.role().type() == RoleType.ENGINEER)
                .toList();
    }

    public List<String> engineerNames() {
        return engineers().stream().map(Member::name).toList();
    }

    /** The member who plans: the first architect, in file order. */
    public Optional<Member> architect() {
        return members.stream()
                .filter(m -> m.role().type() == RoleType.ARCHITECT)
                .findFirst();
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A member by its name, or every member of a role by the role's name; empty when neither. */
    public List<Member> recipients(String memberOrRole) {
        Optional<Member> member = member(memberOrRole);
        if (member.isPresent()) {
            return List.of(member.get());
        }
        return members.stream()
                .filter(m -> m.role().name().equals(memberOrRole))
                .toList();
    }

    /**
     * Whether {@code sender} (a member name or {@link Team#HUMAN}) may message {@code memberOrRole}:
     * by the sender's and the recipient's roles, see {@link Team#mayTalk}.
     */
    public boolean mayMessage(String sender, String memberOrRole) {
        List<Member> to = recipients(memberOrRole);
        if (to.isEmpty()) {
            return false;
        }
        if (Team.HUMAN.equals(sender)) {
            return true;
        }
        return member(sender)
                .map(from -> team.mayTalk(from.role().name(), to.get(0).role().name()))
                .orElse(false);
    }

    /** The role prompt file of a member (already resolved by {@link TeamFile}); empty when the role has none. */
    public Optional<Path> promptFile(String memberName) {
        return member(memberName).map(m -> m.role().prompt());
    }
}
