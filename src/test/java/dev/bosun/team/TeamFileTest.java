package dev.bosun.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.bosun.BosunProperties;

class TeamFileTest {

    @TempDir
    Path dir;

    @Test
    void readsEverySetting() {
        Team team = TeamFixture.load(dir, """
                name: my-team
                trunk: develop
                agent: script
                test_command: [sh, test.sh]
                test_timeout: 500ms
                max_retries: 0
                merge_lock_timeout: 30s
                stall_timeout: 1h
                plan_approval: true
                max_replans: 0
                protected_paths: [src/test/**, check.sh]
                roles:
                  - name: architect
                    role_type: architect
                    agent: claude
                    model: opus
                    instances: 1
                    prompt: architect.md
                    talks_to: [engineer]
                    use_worktrees: true
                    env: {KEY: value, OTHER: "2"}
                  - name: engineer
                    role_type: engineer
                    instances: 2
                """, "architect.md");

        assertThat(team.name()).isEqualTo("my-team");
        assertThat(team.trunk()).isEqualTo("develop");
        assertThat(team.agent()).isEqualTo(AgentKind.SCRIPT);
        assertThat(team.testCommand()).containsExactly("sh", "test.sh");
        assertThat(team.testTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(team.maxRetries()).isZero();
        assertThat(team.mergeLockTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(team.stallTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(team.planApproval()).isTrue();
        assertThat(team.maxReplans()).isZero();
        assertThat(team.protectedPaths()).containsExactly("src/test/**", "check.sh");
        assertThat(TeamSettingsPropertySource.settings(team))
                .containsEntry("bosun.plan.approval", "true")
                .containsEntry("bosun.plan.max-replans", "0")
                .containsEntry("bosun.protected-paths[0]", "src/test/**")
                .containsEntry("bosun.protected-paths[1]", "check.sh");

        Role architect = team.role("architect").orElseThrow();
        assertThat(architect.type()).isEqualTo(RoleType.ARCHITECT);
        assertThat(architect.agent()).isEqualTo(AgentKind.CLAUDE);
        assertThat(architect.model()).isEqualTo("opus");
        assertThat(architect.prompt())
                .isEqualTo(dir.resolve(".bosun/prompts/architect.md").toAbsolutePath());
        assertThat(architect.talksTo()).containsExactly("engineer");
        assertThat(architect.useWorktrees()).isTrue();
        assertThat(architect.env()).containsExactly(Map.entry("KEY", "value"), Map.entry("OTHER", "2"));

        Role engineer = team.role("engineer").orElseThrow();
        assertThat(engineer.agent()).as("the team's agent is the default").isEqualTo(AgentKind.SCRIPT);
        assertThat(engineer.instances()).isEqualTo(2);
        assertThat(engineer.prompt()).isNull();
        assertThat(engineer.model()).isNull();
    }

    @Test
    void appliesDefaults() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: codex
                test_command: [make, test]
                roles:
                  - {name: architect, role_type: architect}
                  - {name: engineer, role_type: engineer}
                """);

        assertThat(team.trunk()).isEqualTo("main");
        assertThat(team.testTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(team.maxRetries()).isEqualTo(2);
        assertThat(team.mergeLockTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(team.stallTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(team.planApproval()).isFalse();
        assertThat(team.maxReplans()).isEqualTo(2);
        assertThat(team.protectedPaths())
                .as("the defaults are Bosun's, not the file's")
                .isEmpty();
        assertThat(TeamSettingsPropertySource.settings(team))
                .doesNotContainKey("bosun.protected-paths[0]")
                .containsEntry("bosun.plan.approval", "false")
                .containsEntry("bosun.plan.max-replans", "2");
        Role architect = team.role("architect").orElseThrow();
        assertThat(architect.instances()).isEqualTo(1);
        assertThat(architect.useWorktrees()).isFalse();
        assertThat(architect.talksTo()).isEmpty();
        assertThat(architect.env()).isEmpty();
        assertThat(team.role("engineer").orElseThrow().useWorktrees()).isTrue();
        assertThat(team.budget()).isEqualTo(Budget.NONE);
        assertThat(architect.command()).as("the server's bosun.agent.command").isEmpty();
    }

    @Test
    void readsTheBudgetExactly() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                budget:
                  task_usd: 2.10
                  task_tokens: 200000
                  plan_usd: 15
                  plan_tokens: 5000000000
                roles:
                  - {name: engineer, role_type: engineer}
                """);

        // 2.10 as a double would be 2.100000000000000088817841970012523233890533447265625
        assertThat(team.budget())
                .isEqualTo(new Budget(new BigDecimal("2.10"), 200_000L, new BigDecimal("15"), 5_000_000_000L));
        assertThat(team.budget().limitsAnything()).isTrue();
    }

    @Test
    void aBudgetMayLimitOneThingOnly() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                budget: {plan_tokens: 1000}
                roles:
                  - {name: engineer, role_type: engineer}
                """);

        assertThat(team.budget()).isEqualTo(new Budget(null, null, null, 1000L));
    }

    @Test
    void aCommandRoleRunsItsOwnArgv() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: command
                test_command: [sh, test.sh]
                roles:
                  - name: architect
                    role_type: architect
                    command: [planner, --prompt-file, "{prompt_file}"]
                  - name: engineer
                    role_type: engineer
                    command: [my-agent, "--message={prompt}", --yes]
                  - name: reviewer
                    role_type: manager
                """);

        assertThat(team.role("architect").orElseThrow().command())
                .containsExactly("planner", "--prompt-file", "{prompt_file}");
        assertThat(team.role("engineer").orElseThrow().command())
                .containsExactly("my-agent", "--message={prompt}", "--yes");
        assertThat(team.role("reviewer").orElseThrow().command())
                .as("no command of its own: bosun.agent.command")
                .isEmpty();
    }

    @Test
    void thePlanSettingsBindToBosunProperties() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                plan_approval: true
                max_replans: 5
                roles:
                  - {name: architect, role_type: architect}
                  - {name: engineer, role_type: engineer}
                """);

        // the keys must be the ones BosunProperties binds, or the settings are silently ignored
        BosunProperties.Plan plan = new Binder(
                        new MapConfigurationPropertySource(TeamSettingsPropertySource.settings(team)))
                .bindOrCreate("bosun", BosunProperties.class)
                .plan();
        assertThat(plan.approval()).isTrue();
        assertThat(plan.maxReplans()).isEqualTo(5);
    }

    @Test
    void theTeamIsImmutable() {
        Team team = TeamFixture.load(dir, """
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: engineer, role_type: engineer, env: {A: b}}
                """);

        assertThatThrownBy(() -> team.roles().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> team.testCommand().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> team.roles().get(0).env().put("C", "d"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMissingFileIsAProblemToo() {
        Path missing = dir.resolve("nowhere/team.yaml");

        assertThatThrownBy(() -> TeamFile.load(missing))
                .isInstanceOf(TeamFileException.class)
                .hasMessage(missing + ":0:0: (file): file not found");
    }
}
