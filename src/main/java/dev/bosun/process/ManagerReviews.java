package dev.bosun.process;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.team.Member;
import dev.bosun.team.RoleType;
import dev.bosun.team.Roster;

/**
 * Who reviews an engineer's failed task before a human: the manager it reports to in
 * team.yaml. Gateway_ManagerReview asks {@code managerReviews.managerOf(member)}; an engineer
 * reporting to an architect, or to nobody, has no reviewer.
 */
@Component("managerReviews")
public class ManagerReviews {

    private final Roster roster;

    ManagerReviews(Roster roster) {
        this.roster = roster;
    }

    /** The reviewing manager's member name, or null. */
    public @Nullable String managerOf(String engineer) {
        return roster.member(engineer)
                .map(Member::reportsTo)
                .flatMap(roster::member)
                .filter(manager -> manager.role().type() == RoleType.MANAGER)
                .map(Member::name)
                .orElse(null);
    }
}
