package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class InheritedEnvironmentTest {

    @Test
    void bosunsCredentialsAndConfigurationAreWithheldAndAgentsOwnKeysKept() {
        Map<String, String> bosun = Map.of(
                "PATH",
                "/bin",
                "ANTHROPIC_API_KEY",
                "sk-1",
                "BOSUN_URL",
                "http://x",
                "BOSUN_API_TOKEN",
                "t",
                "bosun.api-token",
                "t",
                "BOSUN_TOKEN",
                "t",
                "BOSUN_DB_SECRET",
                "s",
                "BOSUN_ADMIN_USER",
                "admin",
                "SPRING_DATASOURCE_PASSWORD",
                "p",
                "CAMUNDA_BPM_ADMIN_USER_ID",
                "admin");

        assertThat(InheritedEnvironment.of(bosun)).containsOnlyKeys("PATH", "ANTHROPIC_API_KEY", "BOSUN_URL");
    }
}
