package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** How {@code bosun logs} writes a terminal log: raw to standard output, decoded anywhere else. */
class LogOutputTest {

    @Test
    void standardOutputGetsTheBytesUnchangedAfterEarlierText() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        StandardOutput out = new StandardOutput(stdout);
        byte[] terminal = {0x1B, '[', '3', '1', 'm', (byte) 0xC3, (byte) 0xFF, '\r', '\n'};

        out.print("before ");
        new LogOutput(out).write(terminal);

        byte[] expected = new byte[7 + terminal.length];
        System.arraycopy("before ".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 7);
        System.arraycopy(terminal, 0, expected, 7, terminal.length);
        assertThat(stdout.toByteArray()).isEqualTo(expected);
    }

    @Test
    void aCharacterCutBetweenTwoChunksIsDecodedWhole() {
        StringWriter text = new StringWriter();
        LogOutput output = new LogOutput(new PrintWriter(text));
        byte[] check = "\u2713".getBytes(StandardCharsets.UTF_8);

        output.write(new byte[] {'a', check[0]});
        assertThat(text.toString()).isEqualTo("a");
        output.write(new byte[] {check[1]});
        output.write(new byte[] {check[2], 'b'});

        assertThat(text.toString()).isEqualTo("a\u2713b");
    }
}
