package dev.bosun.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script program in-process (no PTY, no git): fast checks of what each step does. */
class ScriptAgentMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private int run(String attempt, String... lines) {
        String prompt = "```bosun-script\n" + String.join("\n", lines) + "\n```\n";
        return ScriptAgentMain.run(prompt, attempt, dir, out);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesAppendsAndDeletes() throws Exception {
        int code = run(
                null,
                "write a/b/greet.txt <<EOF",
                "hello",
                "EOF",
                "append a/b/greet.txt <<EOF",
                "world",
                "EOF",
                "write gone.txt <<X",
                "bye",
                "X",
                "delete gone.txt",
                "delete never-there.txt",
                "say all done");
        assertThat(code).isZero();
        assertThat(Files.readString(dir.resolve("a/b/greet.txt"))).isEqualTo("hello\nworld\n");
        assertThat(dir.resolve("gone.txt")).doesNotExist();
        assertThat(output())
                .contains(
                        "script agent: attempt 1, 6 steps",
                        "wrote a/b/greet.txt",
                        "appended to a/b/greet.txt",
                        "deleted gone.txt",
                        "nothing to delete at never-there.txt",
                        "all done");
    }

    @Test
    void attemptComesFromTheVariable() {
        assertThat(run("2", "attempt 1", "exit 11", "attempt 2", "exit 12")).isEqualTo(12);
        assertThat(output()).contains("script agent: attempt 2, 1 step");
    }

    @Test
    void failingRunStopsWithItsExitCode() {
        int code = run(null, "run sh -c \"exit 5\"", "write never.txt <<EOF", "x", "EOF");
        assertThat(code).isEqualTo(5);
        assertThat(dir.resolve("never.txt")).doesNotExist();
        assertThat(output()).contains("$ sh -c exit 5", "run failed with exit code 5 (line 1)");
    }

    @Test
    void missingBinaryIsExit127() {
        assertThat(run(null, "run no-such-binary-bosun")).isEqualTo(127);
        assertThat(output()).contains("cannot run no-such-binary-bosun");
    }

    @Test
    void malformedScriptExits2NamingTheLine() {
        assertThat(run(null, "say hi", "write x.txt <<EOF", "never closed")).isEqualTo(2);
        assertThat(output()).contains("bosun-script line 2: unterminated heredoc");
        assertThat(dir.resolve("x.txt")).doesNotExist();
    }

    @Test
    void badAttemptVariableExits2() {
        assertThat(run("two", "say hi")).isEqualTo(2);
        assertThat(output()).contains("BOSUN_ATTEMPT must be a number, got 'two'");
    }

    @Test
    void noScriptDoesNothing() {
        assertThat(ScriptAgentMain.run("please fix it", "1", dir, out)).isZero();
        assertThat(output()).contains("has no ```bosun-script block, nothing to do");
    }
}
