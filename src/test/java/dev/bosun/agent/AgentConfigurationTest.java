package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.events.EventsConfiguration;
import dev.bosun.security.Redactor;
import dev.bosun.team.RosterConfiguration;

class AgentConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(BosunProperties.class)
    static class Properties {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(
                    Properties.class,
                    Redactor.class,
                    EventsConfiguration.class,
                    RosterConfiguration.class,
                    AgentConfiguration.class);

    @Test
    void scriptIsTheDefault() {
        context.run(c -> assertThat(((MemberAgents) c.getBean(AgentTurn.class)).agentOf("eng-1"))
                .isInstanceOf(ScriptAgent.class));
    }

    @Test
    void commandKindUsesTheConfiguredArgv() {
        context.withPropertyValues("bosun.agent.kind=command", "bosun.agent.command=my-agent,--print,{prompt}")
                .run(c -> assertThat(((CommandAgent) ((MemberAgents) c.getBean(AgentTurn.class)).agentOf("eng-2"))
                                .argv("hi"))
                        .containsExactly("my-agent", "--print", "hi"));
        context.withPropertyValues("bosun.agent.kind=command", "bosun.agent.command=my-agent,--print,{prompt}")
                .run(c -> assertThatThrownBy(
                                () -> ((CommandAgent) ((MemberAgents) c.getBean(AgentTurn.class)).agentOf("eng-2"))
                                        .argv(CommandAgentTest.bigPrompt()))
                        .isInstanceOf(AgentStartException.class)
                        .hasMessageContaining("{prompt_file}"));
    }

    @Test
    void commandKindWithoutCommandFailsNamingTheProperty() {
        context.withPropertyValues("bosun.agent.kind=command")
                .run(c ->
                        assertThat(c).hasFailed().getFailure().rootCause().hasMessageContaining("bosun.agent.command"));
    }

    @Test
    void aCommandRoleRunsItsOwnArgvAndTheOthersTheServersCommand(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve(".bosun/prompts"));
        Files.writeString(repo.resolve(".bosun/team.yaml"), """
                name: commands
                agent: command
                test_command: [sh, test.sh]
                roles:
                  - name: architect
                    role_type: architect
                    command: [planner, --file, "{prompt_file}"]
                  - name: dev
                    role_type: engineer
                    instances: 2
                    command: [coder, "--message={prompt}"]
                  - name: qa
                    role_type: engineer
                """);
        context.withPropertyValues("bosun.repository=" + repo, "bosun.agent.command=server-agent,{prompt}")
                .run(c -> {
                    MemberAgents agents = (MemberAgents) c.getBean(AgentTurn.class);
                    Path file = repo.resolve("prompt.md");
                    assertThat(((CommandAgent) agents.agentOf("architect")).argv("go", null, file))
                            .containsExactly("planner", "--file", file.toString());
                    assertThat(((CommandAgent) agents.agentOf("dev-2")).argv("go"))
                            .containsExactly("coder", "--message=go");
                    assertThat(agents.agentOf("dev-1")).isSameAs(agents.agentOf("dev-2"));
                    assertThat(((CommandAgent) agents.agentOf("qa")).argv("go"))
                            .as("no command of its own: the server's")
                            .containsExactly("server-agent", "go");
                });
    }

    @Test
    void aCommandRoleWithoutAnyCommandFailsNamingTheRoleAndItsLine(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve(".bosun/prompts"));
        Files.writeString(repo.resolve(".bosun/team.yaml"), """
                name: commands
                agent: command
                test_command: [sh, test.sh]
                roles:
                  - name: dev
                    role_type: engineer
                    command: [coder, "{prompt}"]
                  - name: qa
                    role_type: engineer
                """);
        context.withPropertyValues("bosun.repository=" + repo)
                .run(c -> assertThat(c)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith(repo.resolve(".bosun/team.yaml") + ":8:5: roles[1]: role 'qa' runs"
                                + " agent kind 'command' but sets no command, and bosun.agent.command is not set"));
    }

    @Test
    void unknownKindFailsNamingTheFieldTheValueAndTheChoices() {
        context.withPropertyValues("bosun.agent.kind=gpt-9")
                .run(c -> assertThat(c)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("bosun.agent.kind")
                        .hasMessageContaining("gpt-9")
                        .hasMessageContaining("script")
                        .hasMessageContaining("claude"));
    }

    @Test
    void eachMemberRunsItsRolesAgentAndModelFromTheTeamFile(@TempDir Path repo) throws IOException {
        Path prompts = Files.createDirectories(repo.resolve(".bosun/prompts"));
        Files.writeString(prompts.resolve("a.md"), "architect");
        Files.writeString(repo.resolve(".bosun/team.yaml"), """
                name: mixed
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - name: architect
                    role_type: architect
                    agent: claude
                    model: opus-x
                    prompt: a.md
                  - name: dev
                    role_type: engineer
                    instances: 2
                """);
        context.withPropertyValues("bosun.repository=" + repo).run(c -> {
            MemberAgents agents = (MemberAgents) c.getBean(AgentTurn.class);
            CommandAgent architect = (CommandAgent) agents.agentOf("architect");
            assertThat(architect.argv("go")).startsWith("claude").contains("go", "--model", "opus-x");
            // a built-in CLI is told to read a prompt too long for an argument from its file
            Path file = repo.resolve(".bosun/logs/architect.prompt.md");
            assertThat(architect.argv(CommandAgentTest.bigPrompt(), null, file))
                    .last()
                    .asString()
                    .contains(file.toString())
                    .hasSizeLessThan(1_000);
            assertThat(agents.agentOf("dev-1")).isInstanceOf(ScriptAgent.class);
            assertThat(agents.agentOf("dev-2")).isSameAs(agents.agentOf("dev-1"));
        });
    }

    @Test
    void everyTurnOfTheConfiguredAgentsIsRecordedInTheContextsTurnLedger(@TempDir Path dir) {
        List<TurnRecord> recorded = new CopyOnWriteArrayList<>();
        context.withBean(TurnLedger.class, () -> recorded::add).run(c -> {
            TurnResult result = c.getBean(AgentTurn.class)
                    .run(new TurnRequest(
                            "eng-1",
                            "7",
                            1,
                            dir,
                            "```bosun-script\nsay done\n```\n",
                            Duration.ofSeconds(60),
                            dir.resolve("eng-1.log"),
                            Map.of()));

            assertThat(recorded).singleElement().satisfies(turn -> {
                assertThat(turn.member()).isEqualTo("eng-1");
                assertThat(turn.taskId()).isEqualTo("7");
                assertThat(turn.exitCode()).isEqualTo(result.exitCode());
                assertThat(turn.duration()).isEqualTo(result.duration());
                assertThat(turn.usage()).as("the script agent reports none").isNull();
            });
        });
    }
}
