package dev.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TerminalTailTest {

    private static void feed(TerminalTail tail, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tail.append(bytes, bytes.length);
    }

    @Test
    void stripsCrAndAnsiEscapes() {
        TerminalTail tail = new TerminalTail(50);
        feed(tail, "\u001B[1;32mgreen\u001B[0m done\r\n\u001B]0;title\u0007plain\r\n\u001B(Bcharset\u001B[?25h\r\n");
        assertThat(tail.lines()).containsExactly("green done", "plain", "charset");
    }

    @Test
    void keepsOnlyTheLastLinesIncludingAnUnfinishedOne() {
        TerminalTail tail = new TerminalTail(3);
        IntStream.rangeClosed(1, 5).forEach(i -> feed(tail, "line " + i + "\r\n"));
        feed(tail, "partial");
        assertThat(tail.lines()).containsExactly("line 4", "line 5", "partial");
    }

    @Test
    void utf8SplitAcrossReadsSurvives() {
        TerminalTail tail = new TerminalTail(5);
        byte[] bytes = "héllo\n".getBytes(StandardCharsets.UTF_8);
        tail.append(bytes, 2);
        tail.append(java.util.Arrays.copyOfRange(bytes, 2, bytes.length), bytes.length - 2);
        assertThat(tail.lines()).containsExactly("héllo");
    }
}
