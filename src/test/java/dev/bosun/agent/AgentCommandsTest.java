package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bosun.team.AgentKind;

/**
 * What CodexAgentTest, GeminiAgentTest and OpencodeAgentTest showed the real CLIs need and print,
 * pinned for machines that skip those tests. The event lines are copied from the real binaries'
 * output against the scripted models.
 */
class AgentCommandsTest {

    private static final String PROMPT = "---\nrole: x\n---\nreview";

    @Test
    void aCodexFixTurnResumesItsThreadWithTheSubcommandBeforeTheEndOfOptions() {
        assertThat(AgentCommands.agent(AgentKind.CODEX, null).argv(PROMPT, "01a236f4-cc10-7281-a1df-75a1145c0186"))
                .containsExactly(
                        "codex",
                        "exec",
                        "--json",
                        "--dangerously-bypass-approvals-and-sandbox",
                        "-c",
                        "allow_login_shell=false",
                        "resume",
                        "01a236f4-cc10-7281-a1df-75a1145c0186",
                        "--",
                        PROMPT);
    }

    @Test
    void aGeminiFixTurnResumesItsSessionAfterThePromptOption() {
        assertThat(AgentCommands.agent(AgentKind.GEMINI, "m").argv(PROMPT, "e7f41b90-c273-4c25-b551-8938123c54c3"))
                .containsExactly(
                        "gemini",
                        "--yolo",
                        "--skip-trust",
                        "--output-format",
                        "stream-json",
                        "--model",
                        "m",
                        "--prompt=" + PROMPT,
                        "--resume",
                        "e7f41b90-c273-4c25-b551-8938123c54c3");
        assertThat(AgentCommands.agent(AgentKind.GEMINI, "m").argv(PROMPT)).doesNotContain("--resume");
    }

    @Test
    void anOpencodeFixTurnContinuesItsSessionBeforeTheEndOfOptions() {
        assertThat(AgentCommands.agent(AgentKind.OPENCODE, "p/m").argv(PROMPT, "ses_dc9098010ffeU574RZtA35StaH"))
                .containsExactly(
                        "opencode",
                        "run",
                        "--auto",
                        "--format",
                        "json",
                        "--model",
                        "p/m",
                        "--session",
                        "ses_dc9098010ffeU574RZtA35StaH",
                        "--",
                        PROMPT);
    }

    @Test
    void codexEventsBecomeLinesAndAResumedThreadReportsOnlyItsOwnTurnsTokens() {
        OutputFormat format = AgentCommands.format(AgentKind.CODEX, AgentCommands.resume(AgentKind.CODEX));
        assertThat(format.rendersLines()).isTrue();
        String thread = "{\"type\":\"thread.started\",\"thread_id\":\"01a236f4-cc10-7281-a1df-75a1145c0186\"}";
        OutputFormat.Reading first = format.start();
        List<String> shown = read(
                first,
                "WARNING: proceeding, even though we could not create PATH aliases",
                thread,
                "{\"type\":\"turn.started\"}",
                "{\"type\":\"item.started\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\","
                        + "\"command\":\"/bin/bash -c 'echo hi'\",\"aggregated_output\":\"\",\"exit_code\":null,"
                        + "\"status\":\"in_progress\"}}",
                "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\","
                        + "\"command\":\"/bin/bash -c 'echo hi'\",\"aggregated_output\":\"hi\\n\",\"exit_code\":0,"
                        + "\"status\":\"completed\"}}",
                "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_2\",\"type\":\"agent_message\",\"text\":\"done\"}}",
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":2011,\"cached_input_tokens\":14,"
                        + "\"cache_write_input_tokens\":0,\"output_tokens\":51,\"reasoning_output_tokens\":6}}");
        assertThat(shown)
                .containsExactly(
                        "WARNING: proceeding, even though we could not create PATH aliases",
                        "codex thread 01a236f4-cc10-7281-a1df-75a1145c0186",
                        "$ /bin/bash -c 'echo hi'",
                        "hi",
                        "(exit code 0)",
                        "codex: done",
                        "tokens: 2011 in, 51 out");
        assertThat(first.sessionId()).isEqualTo("01a236f4-cc10-7281-a1df-75a1145c0186");
        assertThat(first.usage()).isEqualTo(new TurnUsage(2011, 51, null));

        // measured: the resumed run's turn.completed is the thread's total, both turns together
        OutputFormat.Reading fix = format.start();
        read(
                fix,
                thread,
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":4026,\"cached_input_tokens\":28,"
                        + "\"cache_write_input_tokens\":0,\"output_tokens\":106,\"reasoning_output_tokens\":12}}");
        assertThat(fix.usage()).isEqualTo(new TurnUsage(2015, 55, null));
    }

    @Test
    void geminiEventsBecomeLinesWithTheSessionAndTheRunsStats() {
        OutputFormat.Reading reading =
                AgentCommands.format(AgentKind.GEMINI, null).start();
        List<String> shown = read(
                reading,
                "YOLO mode is enabled. All tool calls will be automatically approved.",
                "{\"type\":\"init\",\"timestamp\":\"2026-12-02T13:33:05.568Z\","
                        + "\"session_id\":\"609244d6-b2bc-40e2-b414-85f4d6753ae4\",\"model\":\"scripted-model\"}",
                "{\"type\":\"message\",\"timestamp\":\"2026-12-02T13:33:05.569Z\",\"role\":\"user\","
                        + "\"content\":\"---stream gemini\"}",
                "{\"type\":\"tool_use\",\"timestamp\":\"2026-12-02T13:33:05.639Z\",\"tool_name\":\"run_shell_command\","
                        + "\"tool_id\":\"t1\",\"parameters\":{\"command\":\"echo hi\"}}",
                "{\"type\":\"tool_result\",\"timestamp\":\"2026-12-02T13:33:05.782Z\",\"tool_id\":\"t1\","
                        + "\"status\":\"success\",\"output\":\"hi\"}",
                "{\"type\":\"message\",\"timestamp\":\"2026-12-02T13:33:05.814Z\",\"role\":\"assistant\","
                        + "\"content\":\"do\",\"delta\":true}",
                "{\"type\":\"message\",\"timestamp\":\"2026-12-02T13:33:05.814Z\",\"role\":\"assistant\","
                        + "\"content\":\"ne\",\"delta\":true}",
                "{\"type\":\"result\",\"timestamp\":\"2026-12-02T13:33:05.823Z\",\"status\":\"success\","
                        + "\"stats\":{\"total_tokens\":2086,\"input_tokens\":2023,\"output_tokens\":63,\"cached\":0,"
                        + "\"input\":2023,\"duration_ms\":256,\"tool_calls\":1}}");
        assertThat(shown)
                .containsExactly(
                        "YOLO mode is enabled. All tool calls will be automatically approved.",
                        "gemini session 609244d6-b2bc-40e2-b414-85f4d6753ae4 (model scripted-model)",
                        "$ echo hi",
                        "hi",
                        "done",
                        "tokens: 2023 in, 63 out");
        assertThat(reading.sessionId()).isEqualTo("609244d6-b2bc-40e2-b414-85f4d6753ae4");
        assertThat(reading.usage()).isEqualTo(new TurnUsage(2023, 63, null));
    }

    @Test
    void opencodeEventsBecomeLinesAndItsStepsAddUpWithCacheReasoningAndCost() {
        OutputFormat.Reading reading =
                AgentCommands.format(AgentKind.OPENCODE, null).start();
        String session = "\"sessionID\":\"ses_dc9098010ffeU574RZtA35StaH\"";
        String step = "{\"type\":\"step_finish\"," + session + ",\"part\":{\"reason\":\"%s\",\"type\":\"step-finish\","
                + "\"tokens\":{\"total\":1020,\"input\":600,\"output\":15,\"reasoning\":5,"
                + "\"cache\":{\"write\":0,\"read\":400}},\"cost\":0.00222}}";
        List<String> shown = read(
                reading,
                "{\"type\":\"step_start\"," + session + ",\"part\":{\"type\":\"step-start\"}}",
                "{\"type\":\"tool_use\"," + session + ",\"part\":{\"type\":\"tool\",\"tool\":\"bash\","
                        + "\"state\":{\"status\":\"completed\",\"input\":{\"command\":\"echo hi\"},"
                        + "\"output\":\"hi\\n\",\"title\":\"echo hi\"}}}",
                step.formatted("tool-calls"),
                "{\"type\":\"text\"," + session + ",\"part\":{\"type\":\"text\",\"text\":\"done\"}}",
                step.formatted("stop"));
        assertThat(shown).containsExactly("$ echo hi", "hi", "done", "tokens: 2000 in, 40 out, $0.00444");
        assertThat(reading.sessionId()).isEqualTo("ses_dc9098010ffeU574RZtA35StaH");
        assertThat(reading.usage()).isEqualTo(new TurnUsage(2000, 40, new BigDecimal("0.00444")));
    }

    private static List<String> read(OutputFormat.Reading reading, String... lines) {
        List<String> shown = new ArrayList<>();
        for (String line : lines) {
            shown.addAll(reading.render(line));
        }
        return shown;
    }

    @Test
    void codexGetsThePromptAfterTheEndOfOptionsAndAShellThatKeepsBosunsPath() {
        assertThat(new CommandAgent(AgentCommands.template(AgentKind.CODEX, "gpt-x")).argv("---\nrole: x\n---\nreview"))
                .containsExactly(
                        "codex",
                        "exec",
                        "--json",
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
