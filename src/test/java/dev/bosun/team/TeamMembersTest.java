package dev.bosun.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamMembersTest {

    @TempDir
    Path dir;

    @Test
    void simpleTeam() {
        Team team = TeamFixture.load(dir, """
                name: simple
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: architect, role_type: architect, agent: claude}
                  - {name: manager, role_type: manager}
                  - {name: engineer, role_type: engineer, instances: 3}
                """);

        assertThat(team.members())
                .extracting(Member::name, Member::reportsTo)
                .containsExactly(
                        tuple("architect", null),
                        tuple("manager", "architect"),
                        tuple("eng-1-1", "manager"),
                        tuple("eng-1-2", "manager"),
                        tuple("eng-1-3", "manager"));
        assertThat(team.tree()).isEqualTo("""
                architect (architect, claude)
                  manager (manager, script)
                    eng-1-1 (engineer, script)
                    eng-1-2 (engineer, script)
                    eng-1-3 (engineer, script)
                """);
    }

    @Test
    void largeTeam() {
        Team team = TeamFixture.load(dir, """
                name: large
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: engineer, role_type: engineer, instances: 5}
                  - {name: manager, role_type: manager, instances: 3}
                  - {name: architect, role_type: architect}
                """);

        assertThat(team.members())
                .extracting(Member::name)
                .containsExactly(
                        "architect",
                        "manager-1",
                        "manager-2",
                        "manager-3",
                        "eng-1-1",
                        "eng-1-2",
                        "eng-1-3",
                        "eng-1-4",
                        "eng-1-5",
                        "eng-2-1",
                        "eng-2-2",
                        "eng-2-3",
                        "eng-2-4",
                        "eng-2-5",
                        "eng-3-1",
                        "eng-3-2",
                        "eng-3-3",
                        "eng-3-4",
                        "eng-3-5");
        assertThat(team.member("manager-2").orElseThrow().reportsTo()).isEqualTo("architect");
        assertThat(team.member("eng-2-4").orElseThrow().reportsTo()).isEqualTo("manager-2");
        assertThat(team.member("eng-3-5").orElseThrow().reportsTo()).isEqualTo("manager-3");
    }

    @Test
    void softwareTeam() {
        Team team = TeamFixture.load(dir, """
                name: software
                agent: claude
                test_command: [./mvnw, test]
                roles:
                  - {name: tech-lead, role_type: architect, model: opus}
                  - {name: backend-manager, role_type: manager}
                  - {name: frontend-manager, role_type: manager}
                  - name: developer
                    role_type: engineer
                    agent: codex
                    instances: 4
                    talks_to: [backend-manager, frontend-manager]
                """);

        assertThat(team.members())
                .extracting(Member::name, Member::reportsTo)
                .containsExactly(
                        tuple("tech-lead", null),
                        tuple("backend-manager", "tech-lead"),
                        tuple("frontend-manager", "tech-lead"),
                        tuple("developer-1-1", "backend-manager"),
                        tuple("developer-1-2", "backend-manager"),
                        tuple("developer-1-3", "backend-manager"),
                        tuple("developer-1-4", "backend-manager"),
                        tuple("developer-2-1", "frontend-manager"),
                        tuple("developer-2-2", "frontend-manager"),
                        tuple("developer-2-3", "frontend-manager"),
                        tuple("developer-2-4", "frontend-manager"));
        assertThat(team.tree()).startsWith("""
                tech-lead (architect, claude, opus)
                  backend-manager (manager, claude)
                    developer-1-1 (engineer, codex)
                """).contains("""
                  frontend-manager (manager, claude)
                    developer-2-1 (engineer, codex)
                """);
    }

    @Test
    void anEngineerRoleTalkingToNoManagerWorksForEveryManager() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: lead, role_type: architect}
                  - {name: api-manager, role_type: manager}
                  - {name: ui-manager, role_type: manager}
                  - {name: backend, role_type: engineer, instances: 1, talks_to: [api-manager]}
                  - {name: tester, role_type: engineer, instances: 2}
                """);

        assertThat(team.members())
                .extracting(Member::name, Member::reportsTo)
                .containsExactly(
                        tuple("lead", null),
                        tuple("api-manager", "lead"),
                        tuple("ui-manager", "lead"),
                        tuple("backend-1-1", "api-manager"),
                        tuple("tester-1-1", "api-manager"),
                        tuple("tester-1-2", "api-manager"),
                        tuple("tester-2-1", "ui-manager"),
                        tuple("tester-2-2", "ui-manager"));
    }

    @Test
    void flatTeam() {
        Team team = TeamFixture.load(dir, """
                name: flat
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: user, role_type: user}
                  - {name: architect, role_type: architect, instances: 2}
                  - {name: engineer, role_type: engineer, instances: 3}
                  - {name: reviewer, role_type: engineer}
                """);

        assertThat(team.members())
                .extracting(Member::name, Member::reportsTo)
                .containsExactly(
                        tuple("user", null),
                        tuple("architect-1", null),
                        tuple("architect-2", null),
                        tuple("engineer-1", "architect-1"),
                        tuple("engineer-2", "architect-1"),
                        tuple("engineer-3", "architect-1"),
                        tuple("reviewer", "architect-1"));
        assertThat(team.tree()).isEqualTo("""
                user (user, script)
                architect-1 (architect, script)
                  engineer-1 (engineer, script)
                  engineer-2 (engineer, script)
                  engineer-3 (engineer, script)
                  reviewer (engineer, script)
                architect-2 (architect, script)
                """);
    }

    @Test
    void withoutAnArchitectTheTopReportsToNobody() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: engineer, role_type: engineer, instances: 2}
                """);

        assertThat(team.members())
                .extracting(Member::name, Member::reportsTo)
                .containsExactly(tuple("engineer-1", null), tuple("engineer-2", null));
    }

    @Test
    void membersAreStable() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: manager, role_type: manager, instances: 2}
                  - {name: engineer, role_type: engineer, instances: 2}
                """);

        assertThat(team.members()).isEqualTo(team.members());
        assertThat(team.member("eng-2-2").orElseThrow().reportsTo()).isEqualTo("manager-2");
        assertThat(team.member("manager-1").orElseThrow().reportsTo()).isNull();
    }
}
