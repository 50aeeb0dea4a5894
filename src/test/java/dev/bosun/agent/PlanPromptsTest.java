package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanPromptsTest {

    @Test
    void aFirstPlanningTurnHasTheGoalFirstAndHowToAddTasks() {
        String prompt = PlanPrompts.planningTurn("4", "Docs", "Write the docs.", null, null, null, null);

        assertThat(prompt).startsWith("# Plan 4: Docs\n\n## Goal\n\nWrite the docs.\n\n");
        assertThat(prompt)
                .contains("bosun task add --title", "--depends-on ID", "BOSUN_PLAN", "Do not write code")
                .doesNotContain("Replanning", "refused", "Guidance");
    }

    @Test
    void aReplanningTurnCarriesWhatFailedWhatMergedTheProblemsAndTheGuidance() {
        String prompt = PlanPrompts.planningTurn(
                "4",
                "Docs",
                "Write the docs.",
                "task 9 depends on task 77, which does not exist",
                "Keep it to two tasks",
                "- task 5 (Glossary): abandoned; its last failure: tests red",
                "- task 6: Changelog");

        assertThat(prompt)
                .containsSubsequence(
                        "## Goal",
                        "## Replanning: tasks of this plan failed",
                        "- task 5 (Glossary): abandoned; its last failure: tests red",
                        "Merged so far:",
                        "- task 6: Changelog",
                        "Add no task at all to give up",
                        "## Your last plan was refused; its tasks were dropped",
                        "task 9 depends on task 77, which does not exist",
                        "## Guidance from a human",
                        "Keep it to two tasks",
                        "## How to plan");
    }
}
