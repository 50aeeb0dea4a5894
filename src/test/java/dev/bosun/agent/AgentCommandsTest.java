package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /**
     * ClaudeCodeAgentTest showed Claude Code 2.1.328 needs --verbose for stream-json in -p mode
     * ("--output-format=stream-json requires --verbose"), and takes --resume before the "--".
     */
    @Test
    void claudeStreamsItsEventsAndResumesBeforeTheEndOfOptions() {
        assertThat(AgentCommands.agent(AgentKind.CLAUDE, "claude-sonnet-4-5").argv("---\nrole: x\n---\nfix", "abc-123"))
                .containsExactly(
                        "claude",
                        "-p",
                        "--permission-mode",
                        "bypassPermissions",
                        "--output-format",
                        "stream-json",
                        "--verbose",
                        "--model",
                        "claude-sonnet-4-5",
                        "--resume",
                        "abc-123",
                        "--",
                        "---\nrole: x\n---\nfix");
        assertThat(AgentCommands.template(AgentKind.CLAUDE, null))
                .doesNotContain("--model", "json")
                .endsWith("--", CommandAgent.PLACEHOLDER);
    }

    /** Under the limit nothing changes; over it the argument says where the whole prompt is, and is short. */
    @ParameterizedTest
    @EnumSource(
            value = AgentKind.class,
            names = {"SCRIPT", "COMMAND"},
            mode = EnumSource.Mode.EXCLUDE)
    void aPromptTooLongForAnArgumentBecomesAShortPointerToItsFile(AgentKind kind) {
        Path file = Path.of("/repo/.bosun/logs/eng-1.prompt.md");
        CommandAgent agent = AgentCommands.agent(kind, null);
        String prompt = CommandAgentTest.bigPrompt();
        List<String> template = AgentCommands.template(kind, null);

        List<String> longArgv = agent.argv(prompt, null, file);
        assertThat(longArgv).hasSameSizeAs(template).doesNotContain(prompt);
        String last = longArgv.get(longArgv.size() - 1);
        assertThat(last)
                .contains(file.toString(), prompt.getBytes(StandardCharsets.UTF_8).length + " bytes", "whole file");
        assertThat(last.getBytes(StandardCharsets.UTF_8).length).isLessThan(1_000);
        assertThat(longArgv.subList(0, longArgv.size() - 1)).isEqualTo(template.subList(0, template.size() - 1));

        String shortPrompt = "中".repeat(33_000);
        List<String> shortArgv = agent.argv(shortPrompt, null, file);
        assertThat(shortArgv).isEqualTo(new CommandAgent(template).argv(shortPrompt, null, file));
        assertThat(String.join(" ", shortArgv)).contains(shortPrompt).doesNotContain(file.toString());
    }
}
