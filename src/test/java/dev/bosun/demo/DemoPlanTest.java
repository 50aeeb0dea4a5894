package dev.bosun.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.agent.script.AgentScript;
import dev.bosun.agent.script.Step;
import dev.bosun.team.Roster;
import dev.bosun.team.TeamFile;

/**
 * The demo's plan runs unattended, so what it is made of must hold together: the team file is
 * valid and has an architect, the sample repository carries every body the architect's script
 * names, and each of those bodies is a script the engineers' agent runs.
 */
class DemoPlanTest {

    @TempDir
    Path dir;

    @Test
    void theDemoTeamHasAnArchitectAndTwoEngineers() throws Exception {
        Path teamFile = dir.resolve("team.yaml");
        Files.writeString(teamFile, DemoTeam.TEAM_FILE);

        Roster roster = Roster.of(TeamFile.load(teamFile));

        assertThat(roster.architect()).map(m -> m.name()).contains("architect");
        assertThat(roster.engineerNames()).containsExactly("eng-1", "eng-2");
    }

    @Test
    void theSampleRepositoryHoldsEveryBodyTheArchitectsScriptAddsAndEachIsAScript() throws Exception {
        Path root = dir.resolve("demo");
        assertThat(SampleRepository.createIfMissing(root)).isTrue();

        AgentScript architect = AgentScript.fromPrompt(DemoPlan.plan().goal()).orElseThrow();
        String run = architect.stepsFor(1).stream()
                .filter(Step.Run.class::isInstance)
                .map(step -> String.join(" ", ((Step.Run) step).argv()))
                .findFirst()
                .orElseThrow();
        for (Map.Entry<String, String> body : DemoPlan.taskBodies().entrySet()) {
            assertThat(run).contains("--body-file " + DemoPlan.BODIES + "/" + body.getKey());
            Path file = root.resolve(DemoPlan.BODIES).resolve(body.getKey());
            assertThat(file).hasContent(body.getValue());
            assertThat(AgentScript.fromPrompt(body.getValue()))
                    .as(body.getKey())
                    .isPresent();
        }
        assertThat(new ProcessBuilder("git", "status", "--porcelain")
                        .directory(root.toFile())
                        .start()
                        .getInputStream()
                        .readAllBytes())
                .as("the bodies are committed: the architect's worktree starts at trunk")
                .isEmpty();
    }
}
