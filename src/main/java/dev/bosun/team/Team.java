package dev.bosun.team;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code team.yaml}: settings with defaults applied, and its roles in file order.
 * Members and the tree are derived on each call, so two calls give equal results.
 *
 * @param agent the team's default agent kind, or null when the file sets none (then every role sets its own)
 * @param planApproval whether a plan waits for a human's "Approve plan" before its tasks start
 * @param maxReplans replanning turns after failed tasks of a plan before a human is asked (not negative)
 * @param protectedPaths glob patterns of files a branch may not change without a human's approval
 *                       (added to those Bosun always protects)
 * @param budget what the team's agents may spend per task and per plan; {@link Budget#NONE} when the
 *               file sets no {@code budget}
 */
public record Team(
        String name,
        String trunk,
        @Nullable AgentKind agent,
        List<String> testCommand,
        Duration testTimeout,
        int maxRetries,
        Duration mergeLockTimeout,
        Duration stallTimeout,
        boolean planApproval,
        int maxReplans,
        List<String> protectedPaths,
        Budget budget,
        List<Role> roles) {

    /**
     * The actor name of the person at the keyboard, reserved so no member can take it: the sender of
     * their messages (may message any role), the creator of their tasks, the one whose guidance an
     * escalation carries. The one spelling of it; {@code security.Caller#actor()} hands it out.
     */
    public static final String HUMAN = "human";

    /** The short engineer prefix, used only when the team's one engineer role is called {@link #ENGINEER_ROLE}. */
    static final String SHORT_ENGINEER_PREFIX = "eng";

    static final String ENGINEER_ROLE = "engineer";

    public Team {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(testTimeout, "testTimeout");
        Objects.requireNonNull(mergeLockTimeout, "mergeLockTimeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(budget, "budget");
        testCommand = List.copyOf(testCommand);
        protectedPaths = List.copyOf(protectedPaths);
        roles = List.copyOf(roles);
    }

    public Optional<Role> role(String roleName) {
        return roles.stream().filter(r -> r.name().equals(roleName)).findFirst();
    }

    public Optional<Member> member(String memberName) {
        return members().stream().filter(m -> m.name().equals(memberName)).findFirst();
    }

    /**
     * Every member, users and architects first, then managers, then engineers; roles of one kind in file order.
     * Managers report to the first architect. With managers in the team, an engineer role gets
     * {@code instances} engineers per manager member of the manager roles in its {@code talks_to}
     * (in {@code talks_to} order; all managers when it names none), called {@code <role>-<m>-<e>}, or
     * {@code eng-<m>-<e>} when the team's only engineer role is {@code engineer}. Without managers the
     * team is flat: engineers are named like the other roles and report to the first architect.
     */
    public List<Member> members() {
        List<Member> members = new ArrayList<>();
        String architect = null;
        for (Role role : roles) {
            if (role.type() == RoleType.USER || role.type() == RoleType.ARCHITECT) {
                for (String memberName : plainNames(role)) {
                    members.add(new Member(memberName, role, null));
                    if (architect == null && role.type() == RoleType.ARCHITECT) {
                        architect = memberName;
                    }
                }
            }
        }
        Map<String, List<Member>> managersByRole = new LinkedHashMap<>();
        for (Role role : roles) {
            if (role.type() == RoleType.MANAGER) {
                List<Member> ofRole = new ArrayList<>();
                for (String memberName : plainNames(role)) {
                    ofRole.add(new Member(memberName, role, architect));
                }
                managersByRole.put(role.name(), ofRole);
                members.addAll(ofRole);
            }
        }
        List<Role> engineerRoles =
                roles.stream().filter(r -> r.type() == RoleType.ENGINEER).toList();
        boolean shortNames =
                engineerRoles.size() == 1 && engineerRoles.get(0).name().equals(ENGINEER_ROLE);
        for (Role role : engineerRoles) {
            if (managersByRole.isEmpty()) {
                for (String memberName : plainNames(role)) {
                    members.add(new Member(memberName, role, architect));
                }
                continue;
            }
            List<Member> managers = new ArrayList<>();
            for (String talksTo : role.talksTo()) {
                managers.addAll(managersByRole.getOrDefault(talksTo, List.of()));
            }
            if (managers.isEmpty()) {
                managersByRole.values().forEach(managers::addAll);
            }
            String prefix = shortNames ? SHORT_ENGINEER_PREFIX : role.name();
            for (int m = 1; m <= managers.size(); m++) {
                for (int e = 1; e <= role.instances(); e++) {
                    members.add(new Member(
                            prefix + "-" + m + "-" + e,
                            role,
                            managers.get(m - 1).name()));
                }
            }
        }
        return List.copyOf(members);
    }

    private static List<String> plainNames(Role role) {
        if (role.instances() == 1) {
            return List.of(role.name());
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= role.instances(); i++) {
            names.add(role.name() + "-" + i);
        }
        return names;
    }

    /** The members as an indented tree (two spaces per level), one line each: {@code name (role_type, agent[, model])}. */
    public String tree() {
        List<Member> members = members();
        StringBuilder out = new StringBuilder();
        for (Member member : members) {
            if (member.reportsTo() == null
                    || members.stream().noneMatch(m -> m.name().equals(member.reportsTo()))) {
                appendTree(out, member, members, 0);
            }
        }
        return out.toString();
    }

    private static void appendTree(StringBuilder out, Member member, List<Member> members, int depth) {
        Role role = member.role();
        out.append("  ".repeat(depth))
                .append(member.name())
                .append(" (")
                .append(role.type().yamlName())
                .append(", ")
                .append(role.agent().yamlName());
        if (role.model() != null) {
            out.append(", ").append(role.model());
        }
        out.append(")\n");
        for (Member child : members) {
            if (member.name().equals(child.reportsTo())) {
                appendTree(out, child, members, depth + 1);
            }
        }
    }

    /**
     * Whether a member of role {@code fromRole} may message role {@code toRole}. {@link #HUMAN} may message
     * anyone. A role with {@code talks_to} may message exactly those roles; one without follows the defaults
     * by role type, both directions: user–architect, architect–manager, manager–engineer, and, in a team with
     * no manager, architect–engineer (otherwise a flat team could not talk at all). Unknown roles: false.
     */
    public boolean mayTalk(String fromRole, String toRole) {
        if (HUMAN.equals(fromRole)) {
            return true;
        }
        Optional<Role> from = role(fromRole);
        Optional<Role> to = role(toRole);
        if (from.isEmpty() || to.isEmpty()) {
            return false;
        }
        if (!from.get().talksTo().isEmpty()) {
            return from.get().talksTo().contains(toRole);
        }
        RoleType a = from.get().type();
        RoleType b = to.get().type();
        if (a.adjacentTo(b)) {
            return true;
        }
        boolean flat = roles.stream().noneMatch(r -> r.type() == RoleType.MANAGER);
        return flat
                && (a == RoleType.ARCHITECT && b == RoleType.ENGINEER
                        || a == RoleType.ENGINEER && b == RoleType.ARCHITECT);
    }
}
