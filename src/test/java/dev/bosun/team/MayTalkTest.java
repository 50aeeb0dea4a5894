package dev.bosun.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class MayTalkTest {

    @TempDir
    Path dir;

    private Team defaults() {
        return TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: user, role_type: user}
                  - {name: architect, role_type: architect}
                  - {name: manager, role_type: manager}
                  - {name: engineer, role_type: engineer}
                """);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvFileSource(resources = "/talks-to-defaults.csv")
    void defaultsByRoleType(String from, String to, boolean allowed) {
        assertThat(defaults().mayTalk(from, to)).isEqualTo(allowed);
    }

    @Test
    void talksToOverridesTheDefaults() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: architect, role_type: architect, talks_to: [engineer]}
                  - {name: manager, role_type: manager}
                  - {name: engineer, role_type: engineer}
                """);

        assertThat(team.mayTalk("architect", "engineer")).isTrue();
        assertThat(team.mayTalk("architect", "manager"))
                .as("no longer a default")
                .isFalse();
        assertThat(team.mayTalk("manager", "architect"))
                .as("the manager keeps its defaults")
                .isTrue();
        assertThat(team.mayTalk("engineer", "architect"))
                .as("talks_to is one-way")
                .isFalse();
    }

    @Test
    void humanMayTalkToAnyone() {
        Team team = defaults();

        assertThat(team.mayTalk(Team.HUMAN, "user")).isTrue();
        assertThat(team.mayTalk("human", "architect")).isTrue();
        assertThat(team.mayTalk("human", "engineer")).isTrue();
    }

    @Test
    void unknownRolesMayNotTalk() {
        Team team = defaults();

        assertThat(team.mayTalk("ghost", "architect")).isFalse();
        assertThat(team.mayTalk("architect", "ghost")).isFalse();
    }

    @Test
    void inAFlatTeamArchitectAndEngineersTalkByDefault() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: architect, role_type: architect}
                  - {name: engineer, role_type: engineer, instances: 2}
                """);

        assertThat(team.mayTalk("architect", "engineer")).isTrue();
        assertThat(team.mayTalk("engineer", "architect")).isTrue();
        assertThat(team.mayTalk("engineer", "engineer")).isFalse();
    }
}
