package dev.bosun.agent;

import dev.bosun.BosunProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the engineers' agent from {@code bosun.agent.kind}; the only Spring class of this area. */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

    static final String KINDS = "script, command";

    @Bean
    AgentTurn agentTurn(BosunProperties properties) {
        BosunProperties.Agent agent = properties.agent();
        String kind = agent.kind() == null ? "" : agent.kind().strip();
        switch (kind) {
            case "script":
                return new ScriptAgent();
            case "command":
                return new CommandAgent(agent.command());
            default:
                throw new IllegalStateException("bosun.agent.kind is '" + agent.kind() + "'; allowed values: " + KINDS);
        }
    }
}
