package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AgentEnvironmentTest {

    private static final Path WORKTREE = Path.of("/repo/.bosun/worktrees/eng-1").toAbsolutePath();
    private static final Map<String, String> BOSUN = Map.ofEntries(
            Map.entry("PATH", "/usr/bin:/bin"),
            Map.entry("HOME", "/home/dev"),
            Map.entry("ANTHROPIC_API_KEY", "sk-ant-agent"),
            Map.entry("OPENAI_API_KEY", "sk-agent"),
            Map.entry("BOSUN_URL", "http://elsewhere"),
            Map.entry("BOSUN_ADMIN_PASSWORD", "admin-secret"),
            Map.entry("BOSUN_ADMIN_USER", "admin"),
            Map.entry("SPRING_DATASOURCE_PASSWORD", "db-secret"),
            Map.entry("SPRING_APPLICATION_JSON", "{\"spring.datasource.password\":\"db-secret\"}"),
            Map.entry("spring.datasource.password", "db-secret"),
            Map.entry("spring_datasource_username", "bosun"),
            Map.entry("CAMUNDA_BPM_ADMIN_USER_PASSWORD", "camunda-secret"),
            Map.entry("camunda.bpm.admin-user.password", "camunda-secret"),
            Map.entry("SPRINGFIELD", "kept: not the SPRING_ prefix"));

    @Test
    void bosunsOwnConfigurationIsWithheldAndEverythingElseInherited() {
        assertThat(AgentEnvironment.inherited(BOSUN))
                .containsOnlyKeys("PATH", "HOME", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "BOSUN_URL", "SPRINGFIELD");
    }

    @Test
    void turnEnvironmentSetsTermAndAppliesTheRequestOnTop() {
        Map<String, String> env = AgentEnvironment.forTurn(
                BOSUN,
                Map.of("BOSUN_URL", "http://localhost:8080", "SPRING_PROFILES_ACTIVE", "agent", "TERM", "dumb"),
                WORKTREE);

        assertThat(env)
                .containsEntry("BOSUN_URL", "http://localhost:8080")
                .containsEntry("SPRING_PROFILES_ACTIVE", "agent")
                .containsEntry("TERM", "dumb")
                .containsEntry("ANTHROPIC_API_KEY", "sk-ant-agent")
                .doesNotContainKeys(
                        "BOSUN_ADMIN_PASSWORD", "SPRING_DATASOURCE_PASSWORD", "CAMUNDA_BPM_ADMIN_USER_PASSWORD");
        assertThat(AgentEnvironment.forTurn(BOSUN, Map.of(), WORKTREE)).containsEntry("TERM", "xterm-256color");
    }

    @Test
    void pwdIsTheFolderTheAgentStartsInNotBosunsOwn() {
        Map<String, String> parent = new java.util.HashMap<>(BOSUN);
        parent.put("PWD", "/srv/bosun");
        assertThat(AgentEnvironment.forTurn(parent, Map.of("PWD", "/elsewhere"), WORKTREE))
                .containsEntry("PWD", WORKTREE.toString());
    }

    @Test
    void theParentMapIsNotChanged() {
        Map<String, String> parent = new java.util.HashMap<>(BOSUN);
        AgentEnvironment.forTurn(parent, Map.of("X", "1"), WORKTREE);
        assertThat(parent).isEqualTo(BOSUN);
    }
}
