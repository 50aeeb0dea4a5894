package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.bosun.team.AgentKind;

/** What CodexAgentTest showed the real Codex CLI needs, pinned for machines that skip that test. */
class AgentCommandsTest {

    @Test
    void codexGetsThePromptAfterTheEndOfOptionsAndAShellThatKeepsBosunsPath() {
        assertThat(new CommandAgent(AgentCommands.template(AgentKind.CODEX, "gpt-x")).argv("---\nrole: x\n---\nreview"))
                .containsExactly(
                        "codex",
                        "exec",
                        "--dangerously-bypass-approvals-and-sandbox",
                        "-c",
                        "allow_login_shell=false",
                        "--model",
                        "gpt-x",
                        "--",
                        "---\nrole: x\n---\nreview");
        assertThat(AgentCommands.template(AgentKind.CODEX, null))
                .doesNotContain("--model")
                .endsWith("--", CommandAgent.PLACEHOLDER);
    }
}
