package dev.bosun.team;

import java.nio.file.Files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;

/** The running team: {@code .bosun/team.yaml} when the repository has one, else bosun.engineers implicit engineers. */
@Configuration(proxyBeanMethods = false)
public class RosterConfiguration {

    /** Static: a bean-factory post-processor must not wait for this configuration's instance. */
    @Bean
    static TeamSettingsPropertySource teamSettingsPropertySource() {
        return new TeamSettingsPropertySource();
    }

    @Bean
    Roster roster(BosunProperties properties) {
        if (Files.isRegularFile(properties.teamFile())) {
            return Roster.of(TeamFile.load(properties.teamFile()));
        }
        AgentKind agent = AgentKind.fromYaml(
                        properties.agent().kind() == null
                                ? ""
                                : properties.agent().kind().strip())
                .orElseThrow(() -> new IllegalStateException("bosun.agent.kind is '"
                        + properties.agent().kind() + "'; allowed values: " + AgentKind.allowed()));
        return Roster.implicitEngineers(
                properties.engineers(),
                agent,
                properties.testCommand(),
                properties.testTimeout(),
                properties.maxRetries(),
                properties.mergeLockTimeout(),
                properties.stallTimeout(),
                properties.trunk());
    }
}
