package dev.bosun.agent.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentScriptTest {

    private static String prompt(String... scriptLines) {
        return "Fix the greeting.\n\n```bosun-script\n" + String.join("\n", scriptLines) + "\n```\n\nThanks.\n";
    }

    private static AgentScript parse(String... scriptLines) throws ScriptSyntaxException {
        return AgentScript.fromPrompt(prompt(scriptLines)).orElseThrow();
    }

    @Test
    void promptWithoutBlockHasNoScript() throws Exception {
        assertThat(AgentScript.fromPrompt("just words\n```java\nint x;\n```\n")).isEmpty();
    }

    @Test
    void sharedStepsRunOnEveryAttemptAndHeadersSelect() throws Exception {
        AgentScript script = parse(
                "say always", "attempt 1", "say first", "attempt 2", "say second", "attempt 3+", "say third or later");
        assertThat(says(script.stepsFor(1))).containsExactly("always", "first");
        assertThat(says(script.stepsFor(2))).containsExactly("always", "second");
        assertThat(says(script.stepsFor(3))).containsExactly("always", "third or later");
        assertThat(says(script.stepsFor(7))).containsExactly("always", "third or later");
    }

    @Test
    void onlyTheFirstBlockCounts() throws Exception {
        String prompt = prompt("say one") + "\n```bosun-script\nsay two\n```\n";
        assertThat(says(AgentScript.fromPrompt(prompt).orElseThrow().stepsFor(1)))
                .containsExactly("one");
    }

    @Test
    void heredocKeepsContentVerbatimWithFinalNewline() throws Exception {
        AgentScript script = parse(
                "# a comment",
                "",
                "write src/greet.txt <<EOF",
                "  hello, \"world\"",
                "# not a comment here",
                "EOF",
                "append notes.md <<END",
                "END");
        assertThat(script.stepsFor(1))
                .containsExactly(
                        new Step.Write(3, "src/greet.txt", "  hello, \"world\"\n# not a comment here\n", false),
                        new Step.Write(7, "notes.md", "", true));
    }

    @Test
    void crlfPromptsParseLikeLf() throws Exception {
        String prompt = prompt("write a.txt <<EOF", "x", "EOF").replace("\n", "\r\n");
        assertThat(AgentScript.fromPrompt(prompt).orElseThrow().stepsFor(1))
                .containsExactly(new Step.Write(1, "a.txt", "x\n", false));
    }

    @Test
    void runTokensKeepQuotedSpacesWithoutAShell() throws Exception {
        AgentScript script = parse("run sh -c \"echo $HOME > out.txt\" \"a \\\"quoted\\\" word\" plain");
        assertThat(script.stepsFor(1))
                .containsExactly(
                        new Step.Run(1, List.of("sh", "-c", "echo $HOME > out.txt", "a \"quoted\" word", "plain")));
    }

    @Test
    void otherSteps() throws Exception {
        AgentScript script = parse(
                "delete old/file.txt", "commit fix the   greeting", "sleep 500ms", "sleep 2s", "sleep 1m", "exit 3");
        assertThat(script.stepsFor(1))
                .containsExactly(
                        new Step.Delete(1, "old/file.txt"),
                        new Step.Commit(2, "fix the   greeting"),
                        new Step.Sleep(3, Duration.ofMillis(500)),
                        new Step.Sleep(4, Duration.ofSeconds(2)),
                        new Step.Sleep(5, Duration.ofMinutes(1)),
                        new Step.Exit(6, 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "frobnicate x            | unknown step 'frobnicate'",
                "attempt two             | attempt wants a number",
                "attempt 0               | attempt wants a number",
                "sleep 5 hours           | sleep wants a duration",
                "sleep                   | sleep wants a duration",
                "exit 256                | exit wants a code from 0 to 255",
                "exit -1                 | exit wants a code",
                "exit soon               | exit wants a code",
                "write a.txt             | write wants PATH <<TAG",
                "write a.txt <<EOF       | unterminated heredoc: no line 'EOF' ends it",
                "append <<EOF            | append wants PATH <<TAG",
                "delete                  | delete wants one PATH",
                "run                     | run wants a command",
                "run echo \"oops         | unterminated double quote",
                "commit                  | commit wants a message",
                "write /etc/passwd <<EOF | absolute path '/etc/passwd' is not allowed",
                "delete ../outside.txt   | path '../outside.txt' is outside the working directory",
                "delete a/../../b        | path 'a/../../b' is outside the working directory",
                "delete .                | path '.' is outside the working directory",
            })
    void malformedStepsNameTheirLine(String step, String problem) {
        assertThatThrownBy(() -> parse("say fine", "", "# comment", step, "say after"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageStartingWith("bosun-script line 4: ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ScriptSyntaxException) e).line()).isEqualTo(4));
    }

    @Test
    void unclosedBlockIsMalformed() {
        assertThatThrownBy(() -> AgentScript.fromPrompt("```bosun-script\nsay hi\nsay there\n"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessage("bosun-script line 2: the block is never closed by a line ```");
    }

    private static List<String> says(List<Step> steps) {
        return steps.stream().map(s -> ((Step.Say) s).text()).toList();
    }
}
