package dev.bosun.process;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.team.Member;
import dev.bosun.team.RoleType;
import dev.bosun.team.Roster;

/**
 * The one home of a task's manager. A task may name a manager ({@link ProcessVariables#MANAGER},
 * {@code bosun task add --manager}): only the engineers reporting to it claim the task, and it
 * reviews the task's failures before a human. Without one, any engineer claims the task and the
 * engineer's own manager in team.yaml reviews (an engineer reporting to an architect, or to
 * nobody, has no reviewer). Gateway_ManagerReview asks {@code managerReviews.reviewerOf(execution)},
 * Task_ManagerReview, the claim rounds and {@code bosun assign} ask here too.
 *
 * <p>Thread-safe: reads the roster only.
 */
@Component("managerReviews")
public class ManagerReviews {

    private final Roster roster;

    ManagerReviews(Roster roster) {
        this.roster = roster;
    }

    /** Gateway_ManagerReview: the reviewer of the task at hand, or null (then a human decides). */
    public @Nullable String reviewerOf(DelegateExecution execution) {
        return reviewer(TaskVariables.of(execution));
    }

    /**
     * The reviewer of a claimed task's failures: its named manager, else its engineer's manager;
     * null when that member is not a manager of the team (any more).
     */
    @Nullable
    String reviewer(TaskVariables task) {
        String named = task.text(ProcessVariables.MANAGER);
        String manager = named != null ? named : reportsTo(task.string(ProcessVariables.MEMBER));
        return manager != null && isManager(manager) ? manager : null;
    }

    /**
     * The engineer's manager, the reviewer of a task that names none. Kept for process files
     * installed by older builds, whose gateway asks this.
     */
    public @Nullable String managerOf(String engineer) {
        String manager = reportsTo(engineer);
        return manager != null && isManager(manager) ? manager : null;
    }

    /** Whether {@code engineer} may claim (or be assigned) a task naming {@code namedManager}, or none (null). */
    boolean mayClaim(String engineer, @Nullable String namedManager) {
        return namedManager == null || namedManager.equals(reportsTo(engineer));
    }

    /** The member {@code member} reports to in team.yaml, or null. */
    @Nullable
    String reportsTo(String member) {
        return roster.member(member).map(Member::reportsTo).orElse(null);
    }

    /**
     * Why {@code manager} cannot be named by a task, or empty when it can: it must be a member whose
     * role_type is manager, with at least one engineer reporting to it (else nobody could claim it).
     */
    Optional<String> refusal(String manager) {
        Optional<Member> member = roster.member(manager);
        if (member.isEmpty()) {
            return Optional.of("manager '" + manager + "' is not a member of this team; managers: " + managers());
        }
        RoleType type = member.get().role().type();
        if (type != RoleType.MANAGER) {
            return Optional.of("'" + manager + "' is not a manager (its role_type is "
                    + type.name().toLowerCase() + "); managers: " + managers());
        }
        if (roster.engineers().stream().noneMatch(e -> manager.equals(e.reportsTo()))) {
            return Optional.of(
                    "manager '" + manager + "' has no engineers reporting to it, so nobody could claim the task");
        }
        return Optional.empty();
    }

    private boolean isManager(String member) {
        return roster.member(member)
                .filter(m -> m.role().type() == RoleType.MANAGER)
                .isPresent();
    }

    private String managers() {
        List<String> names = roster.members().stream()
                .filter(m -> m.role().type() == RoleType.MANAGER)
                .map(Member::name)
                .toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
