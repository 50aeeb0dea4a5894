package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.BosunProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AgentConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(BosunProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, AgentConfiguration.class);

    @Test
    void scriptIsTheDefault() {
        context.run(c -> assertThat(c).getBean(AgentTurn.class).isInstanceOf(ScriptAgent.class));
    }

    @Test
    void commandKindUsesTheConfiguredArgv() {
        context.withPropertyValues("bosun.agent.kind=command", "bosun.agent.command=my-agent,--print,{prompt}")
                .run(c -> assertThat(((CommandAgent) c.getBean(AgentTurn.class)).argv("hi"))
                        .containsExactly("my-agent", "--print", "hi"));
    }

    @Test
    void commandKindWithoutCommandFailsNamingTheProperty() {
        context.withPropertyValues("bosun.agent.kind=command")
                .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bosun.agent.command"));
    }

    @Test
    void unknownKindFailsNamingTheFieldTheValueAndTheChoices() {
        context.withPropertyValues("bosun.agent.kind=gpt-9")
                .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("bosun.agent.kind")
                        .hasMessageContaining("gpt-9")
                        .hasMessageContaining("script, command"));
    }
}
