package dev.bosun.process;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bosun.team.Team;

/**
 * A validated request for a plan.
 *
 * @param title    a short name; the goal's first line when none is given
 * @param approval true or false as asked; null: as the team's settings say
 * @param createdBy a member, or {@value Team#HUMAN}
 */
public record NewPlan(String goal, String title, @Nullable Boolean approval, String createdBy) {

    public NewPlan {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(title, "title");
        createdBy = createdBy == null || createdBy.isBlank() ? Team.HUMAN : createdBy;
    }
}
